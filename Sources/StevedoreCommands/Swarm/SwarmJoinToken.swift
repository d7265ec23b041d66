import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Swarm {
    /// `stevedore swarm join-token worker|manager`: the command that joins a node in that
    /// role (`-q`: the token alone); `--rotate` replaces the token first.
    struct JoinToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "join-token", abstract: "Manage join tokens")

        @Flag(name: .long, help: "Rotate join token") var rotate = false
        @Flag(name: [.customShort("q"), .long], help: "Only display token") var quiet = false

        @Argument(help: "worker|manager") var role: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let worker = self.role == "worker"
            let manager = self.role == "manager"
            guard worker || manager else { throw CommandFailure(description: "unknown role \(self.role)") }
            try await withClient(self.global) { client in
                if self.rotate {
                    let current = try await client.swarm.inspect()
                    let options = SwarmUpdateOptions(
                        version: Int64(clamping: current.version?.index ?? 0), rotateWorkerToken: worker, rotateManagerToken: manager)
                    try await client.swarm.update(current.spec ?? SwarmSpec(), options: options)
                    if !self.quiet { printOut("Successfully rotated \(self.role) join token.\n\n") }
                }
                // Inspected again: a rotation changed the tokens.
                let tokens = try await client.swarm.inspect().joinTokens
                if self.quiet {
                    printOut((worker ? tokens?.worker : tokens?.manager).map { $0 + "\n" } ?? "\n")
                    return
                }
                let nodeID = try await client.system.info().swarm?.nodeID ?? ""
                let instructions = try await StevedoreCommand.Swarm.joinInstructions(
                    nodeID: nodeID, worker: worker, manager: manager, client: client)
                printOut(instructions)
            }
        }
    }

    /// docker's instructions to join the swarm as a worker and/or a manager: the `docker swarm
    /// join` command with the token and the address of the manager `nodeID`. Nothing when
    /// that node is no manager.
    static func joinInstructions(nodeID: String, worker: Bool, manager: Bool, client: DockerClient) async throws -> String {
        let node = try await client.nodes.inspect(nodeID)
        let tokens = try await client.swarm.inspect().joinTokens
        guard let status = node.managerStatus else { return "" }
        func instructions(_ role: String, _ token: String?) -> String {
            "To add a \(role) to this swarm, run the following command:\n\n"
                + "    docker swarm join --token \(token ?? "") \(status.addr ?? "")\n\n"
        }
        return (worker ? instructions("worker", tokens?.worker) : "") + (manager ? instructions("manager", tokens?.manager) : "")
    }
}
