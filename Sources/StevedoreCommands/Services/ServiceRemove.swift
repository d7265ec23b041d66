import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Service {
    /// `stevedore service rm` (also `remove`): each service's name once removed; the failures
    /// together at the end, as docker reports them (exit 1).
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove one or more services", aliases: ["remove"])

        @Argument(help: "SERVICE") var services: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await forEachName(self.services) { try await client.services.remove($0) }
            }
        }
    }
}
