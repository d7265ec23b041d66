import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Volume {
    /// `stevedore volume inspect`: the volumes as a JSON array, or each through `--format`.
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect", abstract: "Display detailed information on one or more volumes")

        @Option(
            name: [.customShort("f"), .long], parsing: .unconditional,
            help: "Format output using a custom template: 'json' or a Go template")
        var format: String?

        @Argument(help: "VOLUME") var volumes: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await inspectEach(self.volumes, format: self.format, keepsDaemonJSON: false) {
                    try await client.volumes.inspectWithRaw($0)
                }
            }
        }
    }
}
