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

    /// config.json's settings for the command line (default formats, detach keys); none when
    /// the file cannot be read, as docker then goes on with its defaults.
    func cliSettings() -> DockerConfigFile.CLISettings? {
        try? self.configFile().cliSettings
    }

    /// The detach keys as written: `--detach-keys` when given, else config.json's
    /// `detachKeys`; nil for docker's `ctrl-p,ctrl-q`.
    func detachKeySequence(_ flag: String?) -> String? {
        flag ?? self.cliSettings()?.detachKeys
    }

    /// ``detachKeySequence(_:)`` read; a sequence docker cannot read fails as it does.
    func detachKeys(_ flag: String?) throws -> DetachKeys {
        try self.detachKeySequence(flag).map(DetachKeys.init(parsing:)) ?? .default
    }

    /// The credentials config.json holds for the registry `image` lives on, if any.
    func credentials(forImage image: String) async throws -> RegistryAuth? {
        try await self.configFile().credentials(forImage: image)
    }
}
