import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand {
    /// `stevedore logout`: forgets a registry's credentials, in its helper and in config.json.
    struct Logout: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "logout", abstract: "Log out from a registry.",
            discussion: "If no server is specified, the default is defined by the daemon.")

        @Argument(help: "Server") var server: String?
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            self.global.warnOfEnvironmentCredentials()
            let server = self.server.flatMap { $0.isEmpty || $0 == "docker.io" ? nil : $0 } ?? RegistryHost.dockerHubKey
            var config = try self.global.configFile()
            printOut("Removing login credentials for \(RegistryHost.configKey(for: server))\n")
            do {
                try await config.erase(registry: server)
                try config.save()
            } catch let error as DockerError {
                printError("WARNING: could not erase credentials: \(RegistryHost.configKey(for: server)): \(error.message)")
            }
        }
    }
}
