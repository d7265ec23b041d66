/// Options of ``DockerClient/Containers/start(_:options:)`` (`POST /containers/{id}/start`).
public struct ContainerStartOptions: Hashable, Sendable {
    /// `detachKeys`: the key sequence that detaches from the container (e.g. `ctrl-p,ctrl-q`).
    public var detachKeys: String?

    public init(detachKeys: String? = nil) {
        self.detachKeys = detachKeys
    }
}

extension DockerClient.Containers {
    /// `POST /containers/{id}/start`. Starting a running container succeeds (the daemon answers 304).
    public func start(_ id: String, options: ContainerStartOptions = .init()) async throws {
        var query = QueryItems()
        query.add("detachKeys", options.detachKeys)
        try await self.client.discardingBody(DockerRequest(.POST, try ObjectPath.container(id, "/start"), query: query))
    }
}
