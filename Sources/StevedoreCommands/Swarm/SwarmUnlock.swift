import ArgumentParser
import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StevedoreCommand.Swarm {
    /// `stevedore swarm unlock`: unlocks this locked manager with the key read from stdin,
    /// asked for without echo on a terminal.
    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unlock", abstract: "Unlock swarm")

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                // As docker: the key is asked for only when the node is in a swarm and locked.
                switch try await client.system.info().swarm?.localNodeState {
                case .inactive?: throw CommandFailure(description: "Error: This node is not part of a swarm")
                case .pending?, .active?, .error?: throw CommandFailure(description: "Error: swarm is not locked")
                default: break
                }
                try await client.swarm.unlock(key: Self.readKey())
            }
        }

        /// The key as docker reads it: on a terminal, typed unechoed after a prompt; otherwise
        /// the first line of stdin, trimmed.
        private static func readKey() async throws -> String {
            guard Terminal.isTerminal(STDIN_FILENO) else {
                return (try await blockingCall { readLine() } ?? "").trimmingWhitespace()
            }
            return try await promptLine("Enter unlock key: ", echo: false) ?? ""
        }
    }
}
