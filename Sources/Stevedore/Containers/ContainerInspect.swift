#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DockerClient.Containers {
    /// `GET /containers/{id}/json`: the container's configuration and state.
    ///
    /// `size`: also report `SizeRw` and `SizeRootFs` (slower); default false.
    public func inspect(_ id: String, size: Bool = false) async throws -> ContainerInspectResponse {
        try await self.inspectWithRaw(id, size: size).value
    }

    /// ``DockerClient/Containers/inspect(_:size:)``, with the daemon's JSON as it sent it (every field, `null`s included, in
    /// its order): for printing what the daemon said, as `docker inspect` does, or reading a
    /// field the models do not know.
    public func inspectWithRaw(_ id: String, size: Bool = false) async throws -> (value: ContainerInspectResponse, raw: Data) {
        var query = QueryItems()
        query.add("size", size ? true : nil)
        return try await self.client.decodeWithRaw(
            ContainerInspectResponse.self, from: DockerRequest(.GET, try ObjectPath.container(id, "/json"), query: query))
    }
}
