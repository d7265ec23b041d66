import Foundation

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
        try await self.inspectWithRaw(id, options: options).value
    }

    /// ``DockerClient/Containers/inspect(_:options:)``, with the daemon's JSON as it sent it (every field, `null`s included, in
    /// its order): for printing what the daemon said, as `docker inspect` does, or reading a
    /// field the models do not know.
    public func inspectWithRaw(
        _ id: String, options: ContainerInspectOptions = .init()
    ) async throws -> (value: ContainerInspectResponse, raw: Data) {
        var query = QueryItems()
        query.add("size", options.size ? true : nil)
        return try await self.client.decodeWithRaw(
            ContainerInspectResponse.self, from: DockerRequest(.GET, try ObjectPath.container(id, "/json"), query: query))
    }
}
