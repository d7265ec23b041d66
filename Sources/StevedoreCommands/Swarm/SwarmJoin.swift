import ArgumentParser
import Foundation
import Stevedore

extension StevedoreCommand.Swarm {
    /// `stevedore swarm join HOST:PORT`: joins the swarm of the manager at HOST:PORT, as a
    /// worker or a manager as the token says, and tells which.
    struct Join: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "join", abstract: "Join a swarm as a node and/or manager")

        @Option(name: .long, help: "Token for entry into the swarm")
        var token: String?

        @Option(name: .long, help: "Listen address (format: \"<ip|interface>[:port]\") (default 0.0.0.0:2377)")
        var listenAddr: String?

        @Option(name: .long, help: "Advertised address (format: \"<ip|interface>[:port]\")")
        var advertiseAddr: String?

        @Option(name: .long, help: "Address or interface to use for data path traffic (format: \"<ip|interface>\")")
        var dataPathAddr: String?

        @Option(name: .long, help: "Availability of the node (\"active\", \"pause\", \"drain\") (default \"active\")")
        var availability: String?

        @Argument(help: "HOST:PORT") var remote: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let availability = try self.availability.map(StevedoreCommand.Swarm.availability)
            let listenAddress = try FlagValue.parse(self.listenAddr ?? "", for: "--listen-addr", StevedoreCommand.Swarm.nodeAddress)
            let request = SwarmJoinRequest(
                listenAddr: listenAddress, advertiseAddr: self.advertiseAddr, dataPathAddr: self.dataPathAddr, remoteAddrs: [self.remote],
                joinToken: self.token ?? "", availability: availability.map { SwarmJoinRequest.Availability(rawValue: $0.rawValue) })
            try await withClient(self.global) { client in
                try await client.swarm.join(request)
                let manager = try await client.system.info().swarm?.controlAvailable == true
                printOut(manager ? "This node joined a swarm as a manager.\n" : "This node joined a swarm as a worker.\n")
            }
        }
    }
}
