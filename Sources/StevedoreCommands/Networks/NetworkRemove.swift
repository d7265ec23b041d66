import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Network {
    /// `stevedore network rm` (also `remove`): each network's name once removed; failures on
    /// stderr, then docker's `exit status 1`.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove one or more networks", aliases: ["remove"])

        @Flag(name: [.customShort("f"), .long], help: "Do not error if the network does not exist") var force = false

        @Argument(help: "NETWORK") var networks: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                do {
                    try await forEachName(self.networks, print: false, failuresAsTheyHappen: true) { name in
                        do {
                            try await client.networks.remove(name)
                            printOut(name + "\n")
                        } catch let error as DockerError where self.force && error.category == .notFound {
                            // -f: a missing network is no failure, and no line either.
                        }
                    }
                } catch let failure as CommandFailure {
                    throw CommandFailure(description: "exit status 1", exitCode: failure.exitCode)
                }
            }
        }
    }
}
