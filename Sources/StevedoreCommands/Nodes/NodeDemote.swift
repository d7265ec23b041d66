import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Node {
    /// `stevedore node demote NODE…`: makes each node a worker, one after the other; a node
    /// that already is one is reported and left alone.
    struct Demote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demote", abstract: "Demote one or more nodes from manager in the swarm")

        @Argument(help: "NODE") var nodes: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await StevedoreCommand.Node.updateEach(self.nodes, client: client) { spec, id in
                    guard spec.role != .worker else {
                        printOut("Node \(id) is already a worker.\n")
                        return false
                    }
                    spec.role = .worker
                    return true
                } updated: { name in
                    printOut("Manager \(name) demoted in the swarm.\n")
                }
            }
        }
    }
}
