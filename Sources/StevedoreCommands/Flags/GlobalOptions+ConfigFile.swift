import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension GlobalOptions {
    /// The docker CLI configuration (`config.json`) the environment names: `DOCKER_CONFIG`
    /// (which a leading `--config` sets) over `~/.docker`.
    func configFile(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DockerConfigFile {
        try DockerConfigFile.load(environment: environment)
    }

    /// The credentials config.json holds for the registry `image` lives on, if any.
    func credentials(forImage image: String) async throws -> RegistryAuth? {
        try await self.configFile().credentials(forImage: image)
    }
}
