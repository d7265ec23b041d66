import ArgumentParser
import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Image {
    /// `stevedore image history`: show the history of an image.
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "history", abstract: "Show the history of an image")

        @Option(
            name: .long, parsing: .unconditional,
            help: "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or a Go template")
        var format: String?

        @Flag(name: [.customShort("H"), .long], inversion: .prefixedNo, help: "Print sizes and dates in human readable format")
        var human = true

        @Flag(name: .long, help: "Don't truncate output")
        var noTrunc = false

        @Flag(name: [.customShort("q"), .long], help: "Only show image IDs")
        var quiet = false

        @Option(
            name: .long, parsing: .unconditional,
            help: #"Show history for the given platform. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64") (API ≥ 1.48)"#)
        var platform: String?

        @Argument(help: "Image") var image: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            var format = self.format ?? ""
            if format.isEmpty || format == "table" {
                format = self.quiet ? "{{.ID}}" : self.human ? HistoryRow.tableFormat : HistoryRow.rawTableFormat
            }
            try await withClient(self.global) { client in
                let platformFlag = ImagePlatformFlag(single: self.platform)
                let platform = try await platformFlag.platforms(minimumAPI: APIVersion(1, 48), client: client) { "invalid platform: \($1)" }
                let rows = try await client.images.history(self.image, platform: platform.first).map {
                    HistoryRow($0, truncate: !self.noTrunc, human: self.human)
                }
                printOut(try CommandOutput.render(rows, format: format, defaultFormat: format, titles: HistoryRow.titles))
            }
        }
    }
}

/// One line of `history`: the fields of docker's history formatting context.
struct HistoryRow: FormatterContext {
    static let formatterContextType = "*image.historyContext"
    var Comment: String
    var CreatedAt: String
    var CreatedBy: String
    var CreatedSince: String
    var ID: String
    var Size: String

    static let tableFormat = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"
    static let rawTableFormat = "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"
    static let titles = [
        "ID": "IMAGE", "CreatedSince": "CREATED", "CreatedAt": "CREATED AT", "CreatedBy": "CREATED BY", "Size": "SIZE",
        "Comment": "COMMENT",
    ]

    init(_ item: ImageHistoryResponseItem, truncate: Bool, human: Bool, now: Date = Date()) {
        // The daemon says <missing> for layers it has no image for; not an id to shorten.
        self.ID = truncate && item.id.hasBytePrefix("sha256:") ? ObjectID.truncated(item.id) : item.id
        let created = Date(timeIntervalSince1970: TimeInterval(item.created))
        self.CreatedAt = LocalTime(secondsSince1970: item.created)?.rfc3339 ?? String(item.created)
        if !human {
            self.CreatedSince = self.CreatedAt
        } else {
            // docker leaves dates before 2000 (zero or made-up timestamps) blank.
            self.CreatedSince = item.created <= 946_684_800 ? "" : HumanDuration.ago(created, now: now)
        }
        let createdBy = item.createdBy.replacing("\t", with: " ")
        self.CreatedBy = truncate && createdBy.count > 45 ? String(createdBy.prefix(44)) + "…" : createdBy
        self.Size = human ? HumanSize.decimal(item.size) : String(item.size)
        self.Comment = item.comment
    }
}
