import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Node {
    /// `stevedore node rm` (also `remove`): each node as named once removed, failures on
    /// stderr.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "Remove one or more nodes from the swarm", aliases: ["remove"])

        @Flag(name: [.customShort("f"), .long], help: "Force remove a node from the swarm") var force = false

        @Argument(help: "NODE") var nodes: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await forEachName(self.nodes) { try await client.nodes.remove($0, force: self.force) }
            }
        }
    }
}
