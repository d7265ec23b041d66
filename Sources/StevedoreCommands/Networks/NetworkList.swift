import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Network {
    /// `stevedore network ls` (also `list`).
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List networks", aliases: ["list"])

        @Option(
            name: [.customShort("f"), .long], parsing: .unconditionalSingleValue, help: "Provide filter values (e.g. \"driver=bridge\")")
        var filter: [String] = []

        @Option(
            name: .long, parsing: .unconditional,
            help: "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or a Go template")
        var format: String?

        @Flag(name: .long, help: "Do not truncate the output")
        var noTrunc = false

        @Flag(name: [.customShort("q"), .long], help: "Only display network IDs")
        var quiet = false

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let filters = try parseFilters(self.filter, as: NetworkListFilters.self)
            try await withClient(self.global) { client in
                let networks = try await client.networks.list(.init(filters: filters)).sorted { naturalLess($0.name ?? "", $1.name ?? "") }
                let rows = networks.map { LabelledRow(row: NetworkRow($0, truncate: !self.noTrunc), labels: $0.labels ?? [:]) }
                // -q replaces only the default layout, as docker's: a given template still applies.
                // Without either, config.json's networksFormat is the format.
                let defaultFormat = self.quiet ? "{{.ID}}" : NetworkRow.tableFormat
                let format = self.global.listFormat(self.format, quiet: self.quiet, configured: \.networksFormat)
                let rawFormat = self.quiet ? "network_id: {{.ID}}" : NetworkRow.rawFormat
                printOut(
                    try CommandOutput.render(
                        rows, format: format, defaultFormat: defaultFormat, rawFormat: rawFormat, titles: NetworkRow.titles))
            }
        }
    }
}

/// One line of `network ls`: the fields of docker's network formatting context, as strings.
struct NetworkRow: FormatterContext {
    static let formatterContextType = "*network.networkContext"
    var CreatedAt: String
    var Driver: String
    var ID: String
    var IPv4: String
    var IPv6: String
    var Internal: String
    var Labels: String
    var Name: String
    var Scope: String

    static let tableFormat = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}"
    /// docker's `--format raw`: a block of `key: value` lines per network.
    static let rawFormat = "network_id: {{.ID}}\\nname: {{.Name}}\\ndriver: {{.Driver}}\\nscope: {{.Scope}}\\n"
    static let titles = [
        "ID": "NETWORK ID", "Name": "NAME", "Driver": "DRIVER", "Scope": "SCOPE", "IPv4": "IPV4", "IPv6": "IPV6", "Internal": "INTERNAL",
        "Labels": "LABELS", "CreatedAt": "CREATED AT",
    ]

    init(_ network: NetworkSummary, truncate: Bool) {
        let id = network.id ?? ""
        self.ID = truncate ? ObjectID.truncated(id) : id
        self.Name = network.name ?? ""
        self.Driver = network.driver ?? ""
        self.Scope = network.scope ?? ""
        self.IPv4 = String(network.enableIPv4 ?? false)
        self.IPv6 = String(network.enableIPv6 ?? false)
        self.Internal = String(network.internal ?? false)
        self.Labels = joinedLabels(network.labels)
        self.CreatedAt = goTimeString(network.created ?? "") ?? ""
    }
}
