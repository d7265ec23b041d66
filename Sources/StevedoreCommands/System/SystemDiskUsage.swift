import ArgumentParser
import Stevedore
import StevedoreFormatting

extension StevedoreCommand.System {
    /// `stevedore system df`: disk space used by the daemon's objects.
    struct DiskUsage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "df", abstract: "Show docker disk usage")

        @Option(name: .long, help: "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or a Go template")
        var format: String?

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        /// One line of the table; fields in the order docker's JSON prints them (sorted).
        struct Row: Encodable {
            var Active: String
            var Reclaimable: String
            var Size: String
            var TotalCount: String
            var `Type`: String

            init(_ type: String, _ entry: DataUsageSummary.Entry) {
                self.Type = type
                self.TotalCount = String(entry.totalCount)
                self.Active = String(entry.activeCount)
                // go-units' HumanSize: four significant digits.
                self.Size = HumanSize.decimal(entry.size, precision: 4)
                // docker shows the share of the total only when there is a total.
                let reclaimable = HumanSize.decimal(entry.reclaimable, precision: 4)
                self.Reclaimable = entry.size > 0 ? "\(reclaimable) (\(entry.reclaimable * 100 / entry.size)%)" : reclaimable
            }
        }

        static let defaultFormat = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}"
        static let titles = ["Type": "TYPE", "TotalCount": "TOTAL", "Active": "ACTIVE", "Size": "SIZE", "Reclaimable": "RECLAIMABLE"]

        static func rows(_ summary: DataUsageSummary) -> [Row] {
            [
                Row("Images", summary.images),
                Row("Containers", summary.containers),
                Row("Local Volumes", summary.volumes),
                Row("Build Cache", summary.buildCache),
            ]
        }

        func run() async throws {
            try await withClient(self.global) { client in
                let rows = Self.rows(try await client.system.dataUsage().summary)
                printOut(try CommandOutput.render(rows, format: self.format, defaultFormat: Self.defaultFormat, titles: Self.titles))
            }
        }
    }
}
