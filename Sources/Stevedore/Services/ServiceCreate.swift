/// Options of ``DockerClient/Services/create(_:options:)`` (`POST /services/create`).
public struct ServiceCreateOptions: Hashable, Sendable {
    /// Credentials for the registry of the service's image (`X-Registry-Auth`), passed on to
    /// the nodes that pull it (`docker service create --with-registry-auth`). Default: none.
    public var credentials: RegistryAuth?

    public init(credentials: RegistryAuth? = nil) {
        self.credentials = credentials
    }
}

extension DockerClient.Services {
    /// `POST /services/create`: creates a service and returns its id and the daemon's
    /// warnings (an image it could not resolve to a digest, for one). The swarm then
    /// schedules its tasks; ``waitUntilConverged(_:options:progress:)`` follows them. A name in use
    /// throws ``DockerError/Category/conflict``.
    ///
    /// Cancelled while the manager creates the service (which it finishes even when the client
    /// goes away), the call waits for the manager's answer, up to 15 seconds, then removes the
    /// service (up to 10 seconds more) and throws `CancellationError`: only a daemon slower than
    /// that is left with the service.
    @discardableResult
    public func create(_ spec: ServiceSpec, options: ServiceCreateOptions = .init()) async throws -> ServiceCreateResponse {
        guard spec.taskTemplate?.containerSpec?.image?.isEmpty == false || spec.taskTemplate?.pluginSpec != nil else {
            throw DockerError.invalidInput("a service needs an image (TaskTemplate.ContainerSpec.Image)")
        }
        try await self.client.requireAPIVersions(for: spec.fieldsNeedingNewerAPIs)
        var request = DockerRequest(.POST, "/services/create", body: try self.client.jsonBody(spec))
        if let credentials = options.credentials { request.addRegistryAuth(credentials) }
        return try await self.client.createLeavingNothingIfCancelled { [request] in
            try await self.client.decode(ServiceCreateResponse.self, from: request)
        } removing: { created in
            try await self.remove(created.id)
        }
    }
}
