import ArgumentParser
import Stevedore

/// The options of the swarm objects' `ls` commands (`node`, `service`, `secret`, `config`), and
/// docker's way of printing their rows.
struct SwarmListOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .long], parsing: .unconditionalSingleValue, help: "Filter output based on conditions provided")
    var filter: [String] = []

    @Option(
        name: .long, parsing: .unconditional,
        help: "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or a Go template")
    var format: String?

    @Flag(name: [.customShort("q"), .long], help: "Only display IDs")
    var quiet = false

    /// The `--filter` values, typed (a malformed one is a usage error).
    func filters<Filters: TypedFilters>(as type: Filters.Type) throws -> Filters {
        try parseFilters(self.filter, as: type)
    }

    /// Prints `rows` with `--format` (else config.json's `configured` format, without `-q`),
    /// or the table: `-q` replaces only the default layout, as docker's (a given template
    /// still applies). `rawFormat` is the template `--format raw` stands for, in a command that
    /// has docker's `raw` layout.
    func print<Row: Encodable>(
        _ rows: [Row], tableFormat: String, rawFormat: String? = nil, titles: [String: String],
        configured: KeyPath<DockerConfigFile.CLISettings, String?>, global: GlobalOptions
    ) throws {
        let defaultFormat = self.quiet ? "{{.ID}}" : tableFormat
        let format = global.listFormat(self.format, quiet: self.quiet, configured: configured)
        printOut(try CommandOutput.render(rows, format: format, defaultFormat: defaultFormat, rawFormat: rawFormat, titles: titles))
    }
}
