import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Secret {
    /// `stevedore secret rm` (also `remove`): each secret's name once removed, failures on stderr.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove one or more secrets", aliases: ["remove"])

        @Argument(help: "SECRET") var secrets: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await forEachName(self.secrets) { try await client.secrets.remove($0) }
            }
        }
    }
}
