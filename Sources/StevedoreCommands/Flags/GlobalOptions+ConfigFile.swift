import Foundation
import Stevedore

extension GlobalOptions {
    /// The docker CLI configuration (`config.json`) these options and the environment name:
    /// `--config` over `DOCKER_CONFIG` over `~/.docker`.
    func configFile(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DockerConfigFile {
        var environment = environment
        if let directory = self.config { environment["DOCKER_CONFIG"] = directory }
        return try DockerConfigFile.load(environment: environment)
    }

    /// The credentials config.json holds for the registry `image` lives on, if any.
    func credentials(forImage image: String) async throws -> RegistryAuth? {
        try await self.configFile().credentials(forImage: image)
    }
}
