import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Swarm {
    /// `stevedore swarm join HOST:PORT`: joins the swarm of the manager at HOST:PORT, as a
    /// worker or a manager as the token says, and tells which.
    struct Join: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "join", abstract: "Join a swarm as a node and/or manager")

        @Option(name: .long, parsing: .unconditional, help: "Token for entry into the swarm")
        var token: String?

        @OptionGroup var addresses: SwarmAddressOptions

        @Option(
            name: .long, parsing: .unconditional, help: "Availability of the node (\"active\", \"pause\", \"drain\") (default \"active\")")
        var availability: String?

        @Argument(help: "HOST:PORT") var remote: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let availability = try self.availability.map(StevedoreCommand.Swarm.availability)
            let request = SwarmJoinRequest(
                listenAddr: try self.addresses.listenAddress() ?? StevedoreCommand.Swarm.nodeAddress(""),
                advertiseAddr: self.addresses.advertiseAddr, dataPathAddr: self.addresses.dataPathAddr, remoteAddrs: [self.remote],
                joinToken: self.token ?? "", availability: availability.map { SwarmJoinRequest.Availability(rawValue: $0.rawValue) })
            try await withClient(self.global) { client in
                try await client.swarm.join(request)
                let manager = try await client.system.info().swarm?.controlAvailable == true
                printOut(manager ? "This node joined a swarm as a manager.\n" : "This node joined a swarm as a worker.\n")
            }
        }
    }
}
