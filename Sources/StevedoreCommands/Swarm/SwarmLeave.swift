import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Swarm {
    /// `stevedore swarm leave`: this daemon leaves its swarm (a manager only with `-f`).
    struct Leave: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "leave", abstract: "Leave the swarm")

        @Flag(name: [.customShort("f"), .long], help: "Force this node to leave the swarm, ignoring warnings") var force = false
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await client.swarm.leave(force: self.force)
                printOut("Node left the swarm.\n")
            }
        }
    }
}
