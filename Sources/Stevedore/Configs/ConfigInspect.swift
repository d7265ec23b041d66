#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DockerClient.Configs {
    /// `GET /configs/{id}`: the config with this id or name, its data included (base64:
    /// `ConfigSpec.decodedData`). A missing one throws ``DockerError/Category/notFound``.
    public func inspect(_ id: String) async throws -> Config {
        try await self.inspectWithRaw(id).value
    }

    /// ``inspect(_:)``, with the daemon's JSON as it sent it (for printing it as `docker config
    /// inspect` does, or reading a field the models do not know).
    public func inspectWithRaw(_ id: String) async throws -> (value: Config, raw: Data) {
        try await self.requireConfigs()
        return try await self.client.decodeWithRaw(Config.self, from: DockerRequest(.GET, try ObjectPath.config(id)))
    }
}
