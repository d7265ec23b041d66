import ArgumentParser
import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand {
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "search", abstract: "Search Docker Hub for images")

        @Option(name: [.customShort("f"), .long], parsing: .unconditionalSingleValue, help: "Filter output based on conditions provided")
        var filter: [String] = []
        @Option(name: .long, parsing: .unconditional, help: "Pretty-print search using a Go template") var format: String?
        @Option(name: .long, parsing: .unconditional, help: "Max number of search results") var limit: GoInteger<Int>?
        @Flag(name: .long, help: "Don't truncate output") var noTrunc = false

        @Argument(help: "Term") var term: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let limit = try self.limit?.value(for: "--limit")
            let filters = try parseFilters(self.filter)
            let credentials = try await self.global.configFile().credentials(forRegistry: RegistryHost.registry(ofImage: self.term))
            try await withClient(self.global) { client in
                let results = try await client.images.search(
                    self.term, options: .init(limit: limit, filters: filters, credentials: credentials))
                let rows = results.map { SearchRow($0, truncate: !self.noTrunc) }
                printOut(
                    try CommandOutput.render(rows, format: self.format, defaultFormat: SearchRow.tableFormat, titles: SearchRow.titles))
            }
        }
    }
}

/// One line of `search`: the fields of docker's search formatting context.
struct SearchRow: FormatterContext {
    static let formatterContextType = "*registry.searchContext"
    var Description: String
    var IsAutomated: String
    var IsOfficial: String
    var Name: String
    var StarCount: String

    static let tableFormat = "table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}"
    static let titles = [
        "Name": "NAME", "Description": "DESCRIPTION", "StarCount": "STARS", "IsOfficial": "OFFICIAL", "IsAutomated": "AUTOMATED",
    ]

    init(_ result: ImageSearchResponseItem, truncate: Bool) {
        self.Name = result.name ?? ""
        // Scalar by scalar, as docker replaces bytes: Swift holds "\r\n" as one Character.
        let description = (result.description ?? "").replacingScalars(where: { $0 == "\n" || $0 == "\r" }, with: " ")
        self.Description = truncate && description.count > 45 ? String(description.prefix(44)) + "…" : description
        self.StarCount = String(result.starCount ?? 0)
        self.IsOfficial = result.isOfficial == true ? "[OK]" : ""
        self.IsAutomated = result.isAutomated == true ? "[OK]" : ""
    }
}
