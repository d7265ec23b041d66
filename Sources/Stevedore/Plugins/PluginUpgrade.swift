/// Options of ``DockerClient/Plugins/upgrade(_:remote:options:)`` (`POST /plugins/{name}/upgrade`).
public struct PluginUpgradeOptions: Hashable, Sendable {
    /// The privileges granted: exactly what ``DockerClient/Plugins/privileges(_:credentials:)``
    /// returned for the new image. Default: none.
    public var privileges: [PluginPrivilege]
    /// Credentials for the registry (`X-Registry-Auth`).
    public var credentials: RegistryAuth?

    public init(privileges: [PluginPrivilege] = [], credentials: RegistryAuth? = nil) {
        self.privileges = privileges
        self.credentials = credentials
    }
}

extension DockerClient.Plugins {
    /// `POST /plugins/{name}/upgrade`: replaces the disabled plugin `name`'s image with
    /// `remote`, keeping its id, name and settings, and returns the daemon's progress. An
    /// enabled plugin throws ``DockerError/Category/conflict``. (API ≥ 1.26, which every
    /// supported daemon has.)
    public func upgrade(_ name: String, remote: String, options: PluginUpgradeOptions = .init()) async throws -> ProgressStream {
        var query = QueryItems()
        query.add("remote", try ImageName(parsing: remote).description)
        var request = DockerRequest(
            .POST, try ObjectPath.plugin(name, "/upgrade"), query: query, body: try self.client.jsonBody(options.privileges))
        request.addRegistryAuth(options.credentials)
        return try await self.client.progressStream(request)
    }
}
