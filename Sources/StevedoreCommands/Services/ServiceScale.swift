import ArgumentParser
import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Service {
    /// `stevedore service scale SERVICE=REPLICAS…`: sets the replicas of replicated services
    /// (the completions of replicated jobs), then follows each until its tasks converge (unless
    /// `-d`). The failures are reported together at the end, each after its service's name.
    struct Scale: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "scale", abstract: "Scale one or multiple replicated services")

        @Flag(name: [.customShort("d"), .long], help: "Exit immediately instead of waiting for the service to converge")
        var detach = false

        @Argument(help: "SERVICE=REPLICAS") var scales: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let requests = try self.scales.map { scale in
                guard let (service, replicas) = scale.cut(atFirst: "="), !service.isEmpty, !replicas.isEmpty else {
                    throw CommandFailure(
                        description: "invalid scale specifier '\(scale)'.\nSee 'stevedore service scale --help'.\n\n"
                            + "Usage:  stevedore service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]\n\n"
                            + "Scale one or multiple replicated services")
                }
                return (service: String(service), replicas: String(replicas))
            }
            try await withClient(self.global) { client in
                var failures: [String] = []
                var scaled: [String] = []
                for request in requests {
                    do {
                        let replicas = try Self.replicas(request.replicas)
                        let warnings = try await Self.scale(request.service, to: replicas, client: client)
                        for warning in warnings { printError(warning) }
                        printOut("\(request.service) scaled to \(replicas)\n")
                        scaled.append(request.service)
                    } catch let error as DockerError {
                        failures.append("\(request.service): \(error)")
                    } catch let failure as CommandFailure {
                        failures.append("\(request.service): \(failure.description)")
                    }
                }
                if !self.detach {
                    for service in scaled {
                        do {
                            try await showConvergence(client, service: service, displayName: service, quiet: false)
                        } catch let error as DockerError {
                            failures.append("\(service): \(error)")
                        }
                    }
                }
                if !failures.isEmpty { throw CommandFailure(description: failures.joined(separator: "\n")) }
            }
        }

        /// `text` as a count of replicas, read as docker reads it (Go's `strconv.ParseUint` in
        /// base 10), failing with docker's message.
        private static func replicas(_ text: String) throws -> Int64 {
            do {
                let parsed = try GoNumber.unsigned(text, base: 10)
                // The spec holds the count as a signed 64-bit number.
                guard let replicas = Int64(exactly: parsed) else {
                    throw InvalidFlagValue(reason: "strconv.ParseUint: parsing \(GoQuote.quote(text)): value out of range")
                }
                return replicas
            } catch let error as InvalidFlagValue {
                throw CommandFailure(description: "invalid replicas value \(text): \(error.reason)")
            }
        }

        /// Sets the count of a replicated service or job; returns the daemon's warnings.
        private static func scale(_ service: String, to replicas: Int64, client: DockerClient) async throws -> [String] {
            let current = try await client.services.inspect(service)
            var spec = current.spec ?? ServiceSpec()
            if spec.mode?.replicated != nil {
                spec.mode?.replicated?.replicas = replicas
            } else if spec.mode?.replicatedJob != nil {
                spec.mode?.replicatedJob?.totalCompletions = replicas
            } else {
                throw CommandFailure(description: "scale can only be used with replicated or replicated-job mode")
            }
            let options = ServiceUpdateOptions(version: Int64(clamping: current.version?.index ?? 0))
            return try await client.services.update(current.id ?? service, spec, options: options).warnings ?? []
        }
    }
}
