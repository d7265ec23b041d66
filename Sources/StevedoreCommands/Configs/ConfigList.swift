import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Config {
    /// `stevedore config ls` (also `list`): configs sorted by name, as docker.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List configs", aliases: ["list"])

        @OptionGroup var options: SwarmListOptions

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let filters = try self.options.filters(as: SwarmObjectFilters.self)
            try await withClient(self.global) { client in
                let configs = try await client.configs.list(filters).sorted { naturalLess($0.spec?.name ?? "", $1.spec?.name ?? "") }
                let now = Date()
                try self.options.print(
                    configs.map { ConfigRow($0, now: now) }, tableFormat: ConfigRow.tableFormat, titles: ConfigRow.titles,
                    configured: \.configFormat, global: self.global)
            }
        }
    }
}

/// One line of `config ls`: the fields of docker's config formatting context, as strings.
struct ConfigRow: FormatterContext {
    static let formatterContextType = "*config.configContext"
    var CreatedAt: String
    var ID: String
    var Labels: String
    var Name: String
    var UpdatedAt: String

    static let tableFormat = "table {{.ID}}\t{{.Name}}\t{{.CreatedAt}}\t{{.UpdatedAt}}"
    static let titles = ["ID": "ID", "Name": "NAME", "CreatedAt": "CREATED", "UpdatedAt": "UPDATED", "Labels": "LABELS"]

    init(_ config: Config, now: Date) {
        self.ID = config.id ?? ""
        self.Name = config.spec?.name ?? ""
        self.Labels = joinedLabels(config.spec?.labels)
        self.CreatedAt = DockerTimestamp(config.createdAt ?? "").map { HumanDuration.ago($0.date, now: now) } ?? ""
        self.UpdatedAt = DockerTimestamp(config.updatedAt ?? "").map { HumanDuration.ago($0.date, now: now) } ?? ""
    }
}
