import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension GlobalOptions {
    /// The docker CLI configuration (`config.json`) the environment names, to read or change
    /// credentials: `DOCKER_CONFIG` (which a leading `--config` sets) over `~/.docker`, with
    /// `DOCKER_AUTH_CONFIG`'s credentials. A `DOCKER_AUTH_CONFIG` docker cannot read is set
    /// aside with docker's words, which docker 28.5 prints where it reads credentials.
    func configFile(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DockerConfigFile {
        let config = try DockerConfigFile.load(environment: environment)
        if let error = config.environmentCredentialsError { Self.reportEnvironmentCredentialsError(error) }
        return config
    }

    /// docker's words on standard error for a `DOCKER_AUTH_CONFIG` it sets aside.
    static func reportEnvironmentCredentialsError(_ error: DockerError) {
        printError("Failed to create credential store from \(DockerConfigFile.environmentCredentialsVariable):  \(error.message)")
    }

    /// docker's warning before `login` and `logout` change credentials that
    /// `DOCKER_AUTH_CONFIG` may override.
    func warnOfEnvironmentCredentials(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let variable = DockerConfigFile.environmentCredentialsVariable
        guard let value = environment[variable], !value.isEmpty else { return }
        printWarningNote("\(variable) is set and takes precedence.\nUnset \(variable) to restore the CLI auth behaviour.\n")
    }

    /// config.json's proxy variables for the daemon these options name
    /// (``DockerConfigFile/proxyVariables(forHost:)``), which `run`, `create` and `build` pass
    /// on as docker's do, its entries keyed by the daemon's host as docker names it (`tcp://`
    /// also with TLS); none when the file or the host cannot be read.
    func proxyVariables(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        guard let config = try? DockerConfigFile.load(environment: environment),
            let host = try? self.makeConfiguration(environment: environment).host
        else { return [:] }
        let name = host.description
        return config.proxyVariables(forHost: name.cut(prefix: "https://").map { "tcp://" + $0 } ?? name)
    }

    /// config.json's settings for the command line (default formats, detach keys); none when
    /// the file cannot be read, as docker then goes on with its defaults.
    func cliSettings() -> DockerConfigFile.CLISettings? {
        try? DockerConfigFile.load().cliSettings
    }

    /// The format a command prints with, chosen as docker chooses it: `format` when given and
    /// not empty, else, unless `quiet` (`-q`, which turns the configured format off in docker's
    /// lists but `ps`), config.json's `configured` format for the command; nil or empty for
    /// the command's default layout.
    func listFormat(_ format: String?, quiet: Bool, configured: KeyPath<DockerConfigFile.CLISettings, String?>) -> String? {
        guard (format ?? "").isEmpty, !quiet, let configured = self.cliSettings()?[keyPath: configured] else { return format }
        return configured
    }

    /// A prune command's `--filter` arguments with config.json's `pruneFilters` added (see
    /// ``DockerConfigFile/CLISettings/addingPruneFilters(to:)``), as `Filters`; a malformed
    /// argument is a usage error (exit 125).
    func pruneFilters<Filters: TypedFilters>(_ arguments: [String], as _: Filters.Type = DockerFilters.self) throws -> Filters {
        var filters = try parseFilters(arguments, flag: "--filter")
        if let settings = self.cliSettings() { filters = try settings.addingPruneFilters(to: filters) }
        return try Filters(filters)
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

    /// docker's `ResolveAuthConfig`, which `pull` and the plugin commands use: a helper that is
    /// missing or fails gives no credentials, not an error (see
    /// `DockerConfigFile.credentialsIgnoringHelperFailure(forImage:)`).
    func credentialsIgnoringHelperFailure(forImage image: String) async throws -> RegistryAuth? {
        try await self.configFile().credentialsIgnoringHelperFailure(forImage: image)
    }
}
