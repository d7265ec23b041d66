import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Network {
    /// `stevedore network inspect`: the networks as a JSON array, or each through `--format`.
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect", abstract: "Display detailed information on one or more networks")

        @Option(
            name: [.customShort("f"), .long], parsing: .unconditional,
            help: "Format output using a custom template: 'json' or a Go template")
        var format: String?

        @Flag(name: [.customShort("v"), .long], help: "Verbose output for diagnostics") var verbose = false

        @Argument(help: "NETWORK") var networks: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await inspectEach(self.networks, format: self.format) {
                    try await client.networks.inspectWithRaw($0, options: .init(verbose: self.verbose))
                }
            }
        }
    }
}
