import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Config {
    /// `stevedore config rm` (also `remove`): each config's name once removed, failures on stderr.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove one or more configs", aliases: ["remove"])

        @Argument(help: "CONFIG") var configs: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await forEachName(self.configs) { try await client.configs.remove($0) }
            }
        }
    }
}
