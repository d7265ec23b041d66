import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Plugin {
    /// `stevedore plugin rm` (also `remove`): each plugin's name once removed, failures on stderr.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove one or more plugins", aliases: ["remove"])

        @Flag(name: [.customShort("f"), .long], help: "Force the removal of an active plugin") var force = false

        @Argument(help: "PLUGIN") var plugins: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await forEachName(self.plugins) { try await client.plugins.remove($0, force: self.force) }
            }
        }
    }
}
