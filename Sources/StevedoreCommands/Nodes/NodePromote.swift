import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Node {
    /// `stevedore node promote NODE…`: makes each node a manager, one after the other; a node
    /// that already is one is reported and left alone.
    struct Promote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "promote", abstract: "Promote one or more nodes to manager in the swarm")

        @Argument(help: "NODE") var nodes: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await StevedoreCommand.Node.updateEach(self.nodes, client: client) { spec, id in
                    guard spec.role != .manager else {
                        printOut("Node \(id) is already a manager.\n")
                        return false
                    }
                    spec.role = .manager
                    return true
                } updated: { name in
                    printOut("Node \(name) promoted to a manager in the swarm.\n")
                }
            }
        }
    }
}
