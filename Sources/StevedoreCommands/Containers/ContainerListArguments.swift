import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The options of `stevedore ps` / `stevedore container ls`.
struct ContainerListArguments: ParsableArguments {
    @Flag(name: [.customShort("a"), .long], help: "Show all containers (default shows just running)")
    var all = false

    @Option(name: [.customShort("f"), .long], parsing: .unconditionalSingleValue, help: "Filter output based on conditions provided")
    var filter: [String] = []

    @Option(
        name: .long, parsing: .unconditional,
        help: "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or a Go template")
    var format: String?

    @Option(name: [.customShort("n"), .long], parsing: .unconditional, help: "Show n last created containers (includes all states)")
    var last = GoInteger<Int>(-1)

    @Flag(name: [.customShort("l"), .long], help: "Show the latest created container (includes all states)")
    var latest = false

    @Flag(name: .long, help: "Don't truncate output")
    var noTrunc = false

    @Flag(name: [.customShort("q"), .long], help: "Only display container IDs")
    var quiet = false

    @Flag(name: [.customShort("s"), .long], help: "Display total file sizes")
    var size = false

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        let last = try self.last.value(for: "-n, --last")
        // As docker: -l means -n 1 only when -n is not given.
        let limit = last == -1 ? (self.latest ? 1 : nil) : (last > 0 ? last : nil)
        // A malformed filter is docker's flag refusal; a value its key cannot hold, the daemon's (exit 1).
        try checkFilterArguments(self.filter)
        let filters = try ContainerListFilters(parsing: self.filter)
        // docker: config.json's psFormat even with -q; with both --format and -q, a warning.
        if self.quiet, !(self.format ?? "").isEmpty {
            printError("WARNING: Ignoring custom format, because both --format and --quiet are set.")
        }
        let format = self.global.listFormat(self.format, quiet: false, configured: \.psFormat)
        var readsSize = false
        if let format, !format.isEmpty {
            let empty = LabelledRow(row: ContainerRow(ContainerSummary(), truncate: true), labels: [:])
            try CommandOutput.checkTemplate(format, over: empty)
            // As docker: a format that reads sizes asks for them (the bare word `json` runs as
            // a template of its own, and reads none), unless -q prints ids only.
            readsSize = CommandOutput.template(format, reads: "Size", of: empty)
        }
        let wantsSize = self.size || (!self.quiet && readsSize)
        try await withClient(self.global) { client in
            let containers = try await client.containers.list(
                .init(all: self.all || limit != nil, limit: limit, size: wantsSize, filters: filters))
            if self.quiet {
                // docker's raw layout keeps its key with -q.
                let key = format == "raw" ? "container_id: " : ""
                printOut(containers.map { key + (self.noTrunc ? ($0.id ?? "") : ObjectID.truncated($0.id ?? "")) + "\n" }.joined())
                return
            }
            let rows = containers.map { LabelledRow(row: ContainerRow($0, truncate: !self.noTrunc), labels: $0.labels ?? [:]) }
            var defaultFormat = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}"
            if self.size { defaultFormat += "\t{{.Size}}" }
            let rawFormat = self.size ? ContainerRow.sizedRawFormat : ContainerRow.rawFormat
            printOut(
                try CommandOutput.render(
                    rows, format: format, defaultFormat: defaultFormat, rawFormat: rawFormat, titles: ContainerRow.titles))
        }
    }
}
