/// Options of ``DockerClient/inspectContainer(_:options:)`` (`GET /containers/{id}/json`).
public struct ContainerInspectOptions: Hashable, Sendable {
    /// `size`: also report `SizeRw` and `SizeRootFs` (slower).
    public var size: Bool

    public init(size: Bool = false) {
        self.size = size
    }
}

extension DockerClient {
    /// `GET /containers/{id}/json`: the container's configuration and state.
    public func inspectContainer(_ id: String, options: ContainerInspectOptions = .init()) async throws -> ContainerInspectResponse {
        var query = QueryItems()
        query.add("size", options.size ? true : nil)
        return try await self.decode(ContainerInspectResponse.self, from: DockerRequest(.GET, try ContainerReference.path(id, "/json"), query: query))
    }
}
