import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Secret {
    /// `stevedore secret ls` (also `list`): secrets sorted by name, as docker.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List secrets", aliases: ["list"])

        @OptionGroup var options: SwarmListOptions

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let filters = try self.options.filters(as: SwarmObjectFilters.self)
            try await withClient(self.global) { client in
                let secrets = try await client.secrets.list(filters).sorted { naturalLess($0.spec?.name ?? "", $1.spec?.name ?? "") }
                let now = Date()
                try self.options.print(
                    secrets.map { SecretRow($0, now: now) }, tableFormat: SecretRow.tableFormat, titles: SecretRow.titles,
                    configured: \.secretFormat, global: self.global)
            }
        }
    }
}

/// One line of `secret ls`: the fields of docker's secret formatting context, as strings.
struct SecretRow: FormatterContext {
    static let formatterContextType = "*secret.secretContext"
    var CreatedAt: String
    var Driver: String
    var ID: String
    var Labels: String
    var Name: String
    var UpdatedAt: String

    static let tableFormat = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.CreatedAt}}\t{{.UpdatedAt}}"
    static let titles = [
        "ID": "ID", "Name": "NAME", "Driver": "DRIVER", "CreatedAt": "CREATED", "UpdatedAt": "UPDATED", "Labels": "LABELS",
    ]

    init(_ secret: Secret, now: Date) {
        self.ID = secret.id ?? ""
        self.Name = secret.spec?.name ?? ""
        self.Driver = secret.spec?.driver?.name ?? ""
        self.Labels = joinedLabels(secret.spec?.labels)
        self.CreatedAt = DockerTimestamp(secret.createdAt ?? "").map { HumanDuration.ago($0.date, now: now) } ?? ""
        self.UpdatedAt = DockerTimestamp(secret.updatedAt ?? "").map { HumanDuration.ago($0.date, now: now) } ?? ""
    }
}
