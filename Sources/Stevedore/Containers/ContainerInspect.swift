/// Options of ``DockerClient/Containers/inspect(_:options:)`` (`GET /containers/{id}/json`).
public struct ContainerInspectOptions: Hashable, Sendable {
    /// `size`: also report `SizeRw` and `SizeRootFs` (slower).
    public var size: Bool

    public init(size: Bool = false) {
        self.size = size
    }
}

extension DockerClient.Containers {
    /// `GET /containers/{id}/json`: the container's configuration and state.
    public func inspect(_ id: String, options: ContainerInspectOptions = .init()) async throws -> ContainerInspectResponse {
        var query = QueryItems()
        query.add("size", options.size ? true : nil)
        return try await self.client.decode(
            ContainerInspectResponse.self, from: DockerRequest(.GET, try ObjectPath.container(id, "/json"), query: query))
    }
}
