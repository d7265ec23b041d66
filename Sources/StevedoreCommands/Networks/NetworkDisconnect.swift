import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Network {
    /// `stevedore network disconnect NETWORK CONTAINER`.
    struct Disconnect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disconnect", abstract: "Disconnect a container from a network")

        @Flag(name: [.customShort("f"), .long], help: "Force the container to disconnect from a network") var force = false

        @Argument(help: "NETWORK") var network: String
        @Argument(help: "CONTAINER") var container: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await client.networks.disconnect(self.network, NetworkDisconnectRequest(container: self.container, force: self.force))
            }
        }
    }
}
