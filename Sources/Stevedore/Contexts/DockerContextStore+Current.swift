#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DockerContextStore {
    /// The name of the context the docker CLI would use, first match wins: `context` (its
    /// `--context` flag), `default` when `DOCKER_HOST` is set (its `-H` flag too), the
    /// `DOCKER_CONTEXT` variable, `currentContext` in config.json, then `default`.
    ///
    /// The name is not checked: ``context(named:environment:)`` fails for one that is not
    /// stored. Throws ``DockerError/Category/invalidConfiguration`` for a config.json that
    /// cannot be read.
    public func currentContextName(
        environment: [String: String] = ProcessInfo.processInfo.environment, context: String? = nil
    ) throws -> String {
        if let context, !context.isEmpty { return context }
        if !(environment["DOCKER_HOST"] ?? "").isEmpty { return DockerContext.defaultName }
        if let name = environment["DOCKER_CONTEXT"], !name.isEmpty { return name }
        return try self.configFile().currentContext ?? DockerContext.defaultName
    }

    /// Makes `name` the current context, as `docker context use` does: config.json's
    /// `currentContext` names it (`default` removes the key); the file is not written when it
    /// already says so. Throws as ``inspect(_:)`` for a context that is not stored.
    public func use(_ name: String) throws {
        var value: String?
        if name != DockerContext.defaultName {
            try Self.validate(name: name)
            _ = try self.inspect(name)
            value = name
        }
        var config = try self.configFile()
        guard config.currentContext != value else { return }
        config.currentContext = value
        try config.save()
    }

    /// Context `name`: the stored one, or for `default` the one `environment` describes.
    public func context(named name: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DockerContext {
        name == DockerContext.defaultName ? DockerContext.defaultContext(environment: environment) : try self.inspect(name)
    }

    /// This store's config.json.
    func configFile() throws -> DockerConfigFile {
        try DockerConfigFile.load(from: self.configDirectory.appendingPathComponent("config.json"))
    }
}
