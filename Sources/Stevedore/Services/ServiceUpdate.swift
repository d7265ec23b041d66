/// Options of ``DockerClient/Services/update(_:_:options:)`` (`POST /services/{id}/update`).
public struct ServiceUpdateOptions: Hashable, Sendable {
    /// Where the nodes' registry credentials come from when ``credentials`` is not given.
    public struct RegistryAuthSource: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The credentials stored with the current spec (the daemon's default).
        public static let spec = RegistryAuthSource(rawValue: "spec")
        /// Those of the previous spec (what a rollback uses).
        public static let previousSpec = RegistryAuthSource(rawValue: "previous-spec")
    }

    /// `version`: the service's `Version.Index` the update is based on, from
    /// ``DockerClient/Services/inspect(_:insertDefaults:)``. A stale one is refused (`update out of
    /// sequence`), so concurrent updates cannot overwrite each other.
    public var version: Int64
    /// `rollback=previous`: go back to the previous spec (the body's spec is then ignored
    /// by the daemon; send the current one). Default `false`.
    public var rollback: Bool
    /// `registryAuthFrom`. Default: nil (the daemon's default, ``RegistryAuthSource/spec``).
    public var registryAuthFrom: RegistryAuthSource?
    /// Credentials for the registry of the new image (`X-Registry-Auth`). Default: none.
    public var credentials: RegistryAuth?

    public init(version: Int64, rollback: Bool = false, registryAuthFrom: RegistryAuthSource? = nil, credentials: RegistryAuth? = nil) {
        self.version = version
        self.rollback = rollback
        self.registryAuthFrom = registryAuthFrom
        self.credentials = credentials
    }
}

extension DockerClient.Services {
    /// `POST /services/{id}/update`: replaces the service's spec (send the whole spec from an
    /// inspect, changed) or rolls it back; the swarm then replaces its tasks as the spec's
    /// `UpdateConfig` says. Returns the daemon's warnings.
    @discardableResult
    public func update(_ id: String, _ spec: ServiceSpec, options: ServiceUpdateOptions) async throws -> ServiceUpdateResponse {
        try await self.client.requireAPIVersions(for: spec.fieldsNeedingNewerAPIs)
        var query = QueryItems()
        query.add("version", options.version)
        query.add("registryAuthFrom", options.registryAuthFrom?.rawValue)
        query.add("rollback", options.rollback ? "previous" : nil)
        var request = DockerRequest(.POST, try ObjectPath.service(id, "/update"), query: query, body: try self.client.jsonBody(spec))
        if let credentials = options.credentials { request.addRegistryAuth(credentials) }
        return try await self.client.decode(ServiceUpdateResponse.self, from: request)
    }
}
