#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DockerClient.Nodes {
    /// `GET /nodes/{id}`: the node with this id, unique id prefix or hostname. A missing node
    /// throws ``DockerError/Category/notFound``.
    public func inspect(_ id: String) async throws -> Node {
        try await self.inspectWithRaw(id).value
    }

    /// ``inspect(_:)``, with the daemon's JSON as it sent it (for printing it as `docker node
    /// inspect` does, or reading a field the models do not know).
    public func inspectWithRaw(_ id: String) async throws -> (value: Node, raw: Data) {
        try await self.client.decodeWithRaw(Node.self, from: DockerRequest(.GET, try ObjectPath.node(id)))
    }
}
