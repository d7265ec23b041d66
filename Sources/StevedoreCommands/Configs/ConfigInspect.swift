import ArgumentParser
import Foundation
import Stevedore

extension StevedoreCommand.Config {
    /// `stevedore config inspect`: the configs as the daemon's JSON array, each through
    /// `--format`, or in docker's human layout with `--pretty`, which ends with the config's
    /// data as stored.
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect", abstract: "Display detailed information on one or more configs")

        @Option(name: [.customShort("f"), .long], help: "Format output using a custom template: 'json' or a Go template")
        var format: String?

        @Flag(name: .long, help: "Print the information in a human friendly format") var pretty = false

        @Argument(help: "CONFIG") var configs: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let format = try prettyInspectFormat(self.format, pretty: self.pretty)
            try await withClient(self.global) { client in
                if format == "pretty" {
                    // As docker: the first failure stops everything, and nothing is printed.
                    var output = Data()
                    for name in self.configs {
                        let config = try await client.configs.inspect(name)
                        output.append(prettyConfig(config))
                    }
                    FileHandle.standardOutput.write(output)
                } else {
                    try await inspectEach(self.configs, format: format) { try await client.configs.inspectWithRaw($0) }
                }
            }
        }
    }
}

/// One config in docker's `--pretty` layout, values after tabs, then `Data:` and the data's
/// bytes as they are (not necessarily text) and a newline.
func prettyConfig(_ config: Config) -> Data {
    let spec = config.spec
    let lines =
        ["ID:\t\t\t\(config.id ?? "")", "Name:\t\t\t\(spec?.name ?? "")"]
        + prettyLabelLines(spec?.labels)
        + [
            "Created at:            \t\(prettySwarmTime(config.createdAt))",
            "Updated at:            \t\(prettySwarmTime(config.updatedAt))",
            "Data:",
        ]
    var output = Data((lines.joined(separator: "\n") + "\n").utf8)
    output.append(spec?.decodedData ?? Data())
    output.append(UInt8(ascii: "\n"))
    return output
}
