import ArgumentParser
import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The options of `stevedore images` / `stevedore image ls`.
struct ImageListArguments: ParsableArguments {
    @Flag(name: [.customShort("a"), .long], help: "Show all images (default hides intermediate images)")
    var all = false

    @Flag(name: .long, help: "Show digests")
    var digests = false

    @Option(name: [.customShort("f"), .long], parsing: .unconditionalSingleValue, help: "Filter output based on conditions provided")
    var filter: [String] = []

    @Option(
        name: .long, parsing: .unconditional,
        help: "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or a Go template")
    var format: String?

    @Flag(name: .long, help: "Don't truncate output")
    var noTrunc = false

    @Flag(name: [.customShort("q"), .long], help: "Only show image IDs")
    var quiet = false

    @Flag(name: .long, help: "List multi-platform images as a tree (EXPERIMENTAL)")
    var tree = false

    @Argument(help: "Only images of this repository (and tag)")
    var repository: String?

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        var filters = try parseFilters(self.filter)
        if let repository = self.repository { filters.add("reference", repository) }
        let format = self.outputFormat()
        let wantsDigests = self.digests || format.contains("{{.Digest}}")
        if self.tree { return try await self.runTree(filters: filters) }
        try await withClient(self.global) { client in
            let images = try await client.images.list(.init(all: self.all, filters: filters))
            let rows = images.flatMap {
                ImageRow.rows(of: $0, truncate: !self.noTrunc, showDigests: self.digests, needDigests: wantsDigests)
            }
            printOut(try CommandOutput.render(rows, format: format, defaultFormat: format, titles: ImageRow.titles))
        }
    }

    /// `--tree` (API ≥ 1.47, as docker checks it before the flags it cannot combine with).
    private func runTree(filters: DockerFilters) async throws {
        try await withClient(self.global) { client in
            try await requireAPIVersions(of: [(name: "tree", minimumAPI: APIVersion(1, 47))], client: client)
            let incompatible = [
                (self.quiet, "quiet"), (self.noTrunc, "no-trunc"), (self.digests, "show-digest"), (!(self.format ?? "").isEmpty, "format"),
            ]
            for (given, flag) in incompatible where given {
                throw CommandFailure(description: "--\(flag) is not yet supported with --tree")
            }
            let images = try await client.images.list(.init(all: self.all, manifests: true, filters: filters))
            printOut(ImageTree(images, all: self.all).rendered(terminalWidth: Terminal.outputWidth()))
        }
    }

    /// docker's `NewImageFormat`: the default table (with DIGEST under `--digests`), `{{.ID}}`
    /// under `-q`, or the user's format (a table gains the digest column under `--digests`);
    /// without `--format` or `-q`, config.json's `imagesFormat` is the user's.
    func outputFormat() -> String {
        let format = self.global.listFormat(self.format, quiet: self.quiet, configured: \.imagesFormat) ?? ""
        if format.isEmpty || format == "table" {
            if self.quiet { return "{{.ID}}" }
            return self.digests ? ImageRow.digestTableFormat : ImageRow.tableFormat
        }
        if format == "raw" {
            if self.quiet { return "image_id: {{.ID}}" }
            return self.digests ? ImageRow.digestRawFormat : ImageRow.rawFormat
        }
        if format.hasBytePrefix("table"), self.digests, !format.contains("{{.Digest}}") { return format + "\t{{.Digest}}" }
        return format
    }
}
