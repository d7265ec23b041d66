import ArgumentParser
import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Plugin {
    /// `stevedore plugin ls` (also `list`): plugins sorted by name, as docker.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List plugins", aliases: ["list"])

        @Option(
            name: [.customShort("f"), .long], parsing: .unconditionalSingleValue, help: "Provide filter values (e.g. \"enabled=true\")")
        var filter: [String] = []

        @Option(
            name: .long, parsing: .unconditional,
            help: "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or a Go template")
        var format: String?

        @Flag(name: .long, help: "Don't truncate output")
        var noTrunc = false

        @Flag(name: [.customShort("q"), .long], help: "Only display plugin IDs")
        var quiet = false

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let filters = try parseFilters(self.filter, as: PluginListFilters.self)
            try await withClient(self.global) { client in
                let plugins = try await client.plugins.list(filters).sorted { naturalLess($0.name, $1.name) }
                let rows = plugins.map { PluginRow($0, truncate: !self.noTrunc) }
                // -q replaces only the default layouts, as docker's: a given template still applies.
                let format = self.global.listFormat(self.format, quiet: self.quiet, configured: \.pluginsFormat)
                let defaultFormat = self.quiet ? "{{.ID}}" : PluginRow.tableFormat
                let rawFormat = self.quiet ? "plugin_id: {{.ID}}" : PluginRow.rawFormat
                printOut(
                    try CommandOutput.render(
                        rows, format: format, defaultFormat: defaultFormat, rawFormat: rawFormat, titles: PluginRow.titles))
            }
        }
    }
}

/// One line of `plugin ls`: the fields of docker's plugin formatting context.
struct PluginRow: FormatterContext {
    static let formatterContextType = "*plugin.pluginContext"
    var Description: String
    var Enabled: Bool
    var ID: String
    var Name: String
    var PluginReference: String

    static let tableFormat = "table {{.ID}}\t{{.Name}}\t{{.Description}}\t{{.Enabled}}"
    /// docker's `raw` layout: one `key: value` line per field, a blank line between plugins.
    static let rawFormat = "plugin_id: {{.ID}}\\nname: {{.Name}}\\ndescription: {{.Description}}\\nenabled: {{.Enabled}}\\n"
    static let titles = ["ID": "ID", "Name": "NAME", "Description": "DESCRIPTION", "Enabled": "ENABLED", "PluginReference": "IMAGE"]

    /// docker shortens a description to this many columns unless `--no-trunc`.
    private static let descriptionWidth = 45

    /// The row of `plugin`. The description loses its line breaks; `truncate` (no
    /// `--no-trunc`) shortens the id to 12 characters and the description to 45, `…` last.
    init(_ plugin: Plugin, truncate: Bool) {
        let id = plugin.id ?? ""
        self.ID = truncate ? ObjectID.truncated(id) : id
        self.Name = plugin.name
        let description = plugin.config.description.replacingScalars(where: { $0 == "\n" || $0 == "\r" }, with: "")
        self.Description = truncate ? TaskRow.ellipsis(description, width: Self.descriptionWidth) : description
        self.Enabled = plugin.enabled
        self.PluginReference = plugin.pluginReference ?? ""
    }
}
