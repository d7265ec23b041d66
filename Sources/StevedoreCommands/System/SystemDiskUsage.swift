import ArgumentParser
import Stevedore
import StevedoreFormatting
import StevedoreText

extension StevedoreCommand.System {
    /// `stevedore system df`: disk space used by the daemon's objects.
    struct DiskUsage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "df", abstract: "Show docker disk usage")

        @Flag(name: [.customShort("v"), .long], help: "Show detailed information on space usage")
        var verbose = false

        @Option(
            name: .long, parsing: .unconditional,
            help: "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or a Go template")
        var format: String?

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        /// One line of the table; fields in the order docker's JSON prints them (sorted).
        struct Row: FormatterContext {
            // docker's summary has a context type per row; the images row, first, is the one an error names.
            static let formatterContextType = "*formatter.diskUsageImagesContext"
            var Active: String
            var Reclaimable: String
            var Size: String
            var TotalCount: String
            var `Type`: String

            init(_ type: String, _ entry: DataUsageSummary.Entry, showsShare: Bool = true) {
                self.Type = type
                self.TotalCount = String(entry.totalCount)
                self.Active = String(entry.activeCount)
                // go-units' HumanSize: four significant digits.
                self.Size = HumanSize.decimal(entry.size, precision: 4)
                // docker shows the share of the total only when there is a total, and never
                // for the build cache.
                let reclaimable = HumanSize.decimal(entry.reclaimable, precision: 4)
                self.Reclaimable = reclaimable
                if showsShare && entry.size > 0 {
                    // In 128 bits: a daemon's sizes past 92 PB would overflow the percentage's product.
                    self.Reclaimable += " (\(Int128(entry.reclaimable) * 100 / Int128(entry.size))%)"
                }
            }
        }

        static let defaultFormat = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}"
        /// docker's `--format raw`: a block of `key: value` lines per kind of object.
        static let rawFormat =
            "type: {{.Type}}\\ntotal: {{.TotalCount}}\\nactive: {{.Active}}\\nsize: {{.Size}}\\nreclaimable: {{.Reclaimable}}\\n"
        /// `-v --format raw`: every object as its own list's raw block, under its kind.
        static let verboseRawFormat =
            "{{range .Images}}type: Image\\n\(ImageRow.digestRawFormat)\\n{{end -}}"
            + "{{range .Containers}}type: Container\\n\(ContainerRow.sizedRawFormat)\\n{{end -}}"
            + "{{range .Volumes}}type: Volume\\n\(VolumeRow.rawFormat)\\n{{end -}}"
            + "{{range .BuildCache}}type: Build Cache\\n\(BuildCacheRow.rawFormat)\\n{{end -}}"
        static let titles = ["Type": "TYPE", "TotalCount": "TOTAL", "Active": "ACTIVE", "Size": "SIZE", "Reclaimable": "RECLAIMABLE"]

        static func rows(_ summary: DataUsageSummary) -> [Row] {
            [
                Row("Images", summary.images),
                Row("Containers", summary.containers),
                Row("Local Volumes", summary.volumes),
                Row("Build Cache", summary.buildCache, showsShare: false),
            ]
        }

        func run() async throws {
            try await withClient(self.global) { client in
                let usage = try await client.system.dataUsage()
                if self.verbose {
                    printOut(try self.verboseText(usage))
                } else {
                    printOut(
                        try CommandOutput.render(
                            Self.rows(usage.summary), format: self.format, defaultFormat: Self.defaultFormat, rawFormat: Self.rawFormat,
                            titles: Self.titles))
                }
            }
        }

        /// Every object of `-v`, as docker's formatting contexts: what a `--format` template
        /// other than `table` sees.
        struct Objects: Encodable {
            var Images: [ImageRow]
            var Containers: [ContainerRow]
            var Volumes: [VolumeRow]
            var BuildCache: [BuildCacheRow]

            init(_ usage: SystemDataUsageResponse, truncate: Bool) {
                self.Images = (usage.images ?? []).compactMap { Self.imageRow($0, truncate: truncate) }
                // docker leaves out the root file system's size here.
                self.Containers = (usage.containers ?? []).map { container in
                    var container = container
                    container.sizeRootFs = nil
                    return ContainerRow(container, truncate: truncate)
                }
                self.Volumes = (usage.volumes ?? []).map(VolumeRow.init)
                self.BuildCache = BuildCacheRow.sorted(usage.buildCache ?? []).map { BuildCacheRow($0, truncate: truncate) }
            }

            /// One row per image, under its first tag (`<none>` when it has none); an image
            /// whose first tag does not parse is left out, as docker does.
            static func imageRow(_ image: ImageSummary, truncate: Bool) -> ImageRow? {
                var repository = "<none>"
                var tag = "<none>"
                if let first = image.repoTags?.first, !image.isDangling {
                    guard let name = try? ImageName(parsing: first) else { return nil }
                    if let parsedTag = name.tag {
                        repository = name.familiarName
                        tag = parsedTag
                    }
                }
                return ImageRow(image, repository: repository, tag: tag, digest: "", truncate: truncate)
            }
        }

        /// `-v`: docker's four tables, each aligned on its own; or, with another `--format`,
        /// that template run once over ``Objects`` (no titles, no final newline).
        func verboseText(_ usage: SystemDataUsageResponse) throws -> String {
            let format = self.format == "raw" ? Self.verboseRawFormat : self.format ?? "table"
            let table = format == "table"
            let objects = Objects(usage, truncate: format.hasBytePrefix("table"))
            guard table else {
                let template = format == "json" ? "{{json .}}" : String(format.cut(prefix: "table") ?? format[...])
                var text = try CommandOutput.render([objects], format: template, defaultFormat: template)
                if let withoutNewline = text.cut(suffix: "\n") { text = String(withoutNewline) }
                return text
            }
            let sections = [
                "Images space usage:\n\n",
                try CommandOutput.render(objects.Images, format: nil, defaultFormat: Self.verboseImageFormat, titles: ImageRow.titles),
                "\nContainers space usage:\n\n",
                try CommandOutput.render(
                    objects.Containers, format: nil, defaultFormat: Self.verboseContainerFormat, titles: ContainerRow.titles),
                "\nLocal Volumes space usage:\n\n",
                try CommandOutput.render(objects.Volumes, format: nil, defaultFormat: Self.verboseVolumeFormat, titles: VolumeRow.titles),
                "\nBuild cache usage: \(HumanSize.decimal(usage.buildCacheSize, precision: 4))\n\n",
                try CommandOutput.render(
                    objects.BuildCache, format: nil, defaultFormat: BuildCacheRow.tableFormat, titles: BuildCacheRow.titles),
            ]
            return sections.joined()
        }

        static let verboseImageFormat =
            "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}"
        static let verboseContainerFormat =
            "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}"
        static let verboseVolumeFormat = "table {{.Name}}\t{{.Links}}\t{{.Size}}"
    }
}
