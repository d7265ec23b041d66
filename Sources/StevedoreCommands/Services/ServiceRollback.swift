import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Service {
    /// `stevedore service rollback SERVICE`: asks the swarm to go back to the service's previous
    /// spec, prints the argument, then follows the rollback until the tasks converge (unless
    /// `-d`).
    struct Rollback: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rollback", abstract: "Revert changes to a service's configuration")

        @Flag(name: [.customShort("d"), .long], help: "Exit immediately instead of waiting for the service to converge")
        var detach = false

        @Flag(name: [.customShort("q"), .long], help: "Suppress progress output")
        var quiet = false

        @Argument(help: "SERVICE") var service: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                let current = try await client.services.inspect(self.service)
                // The daemon takes the previous spec; the update still carries the current one.
                let response = try await client.services.update(
                    current.id ?? self.service, current.spec ?? ServiceSpec(),
                    options: .init(version: Int64(clamping: current.version?.index ?? 0), rollback: true))
                for warning in response.warnings ?? [] { printError(warning) }
                printOut(self.service + "\n")
                guard !self.detach else { return }
                try await showConvergence(client, service: self.service, displayName: self.service, quiet: self.quiet)
            }
        }
    }
}
