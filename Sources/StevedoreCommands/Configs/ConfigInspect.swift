import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Config {
    /// `stevedore config inspect`: the configs as the daemon's JSON array, each through
    /// `--format`, or in docker's human layout with `--pretty`, which ends with the config's
    /// data as stored.
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect", abstract: "Display detailed information on one or more configs")

        @Argument(help: "CONFIG") var configs: [String]
        @OptionGroup var output: PrettyInspectOptions
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await self.output.printInspected(self.configs, layout: { ByteBuffer(bytes: prettyConfig($0)) }) {
                    try await client.configs.inspectWithRaw($0)
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
