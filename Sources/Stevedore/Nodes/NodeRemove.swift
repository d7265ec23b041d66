/// Options of ``DockerClient/Nodes/remove(_:options:)`` (`DELETE /nodes/{id}`).
public struct NodeRemoveOptions: Hashable, Sendable {
    /// `force`: remove a node that is still up (default `false`: refused until it is down or
    /// has left).
    public var force: Bool

    public init(force: Bool = false) {
        self.force = force
    }
}

extension DockerClient.Nodes {
    /// `DELETE /nodes/{id}`: removes the node from the swarm. A node that is still up is
    /// refused without ``NodeRemoveOptions/force`` (the daemon says to stop it or leave
    /// first); a missing one throws ``DockerError/Category/notFound``.
    public func remove(_ id: String, options: NodeRemoveOptions = .init()) async throws {
        var query = QueryItems()
        query.add("force", options.force ? true : nil)
        try await self.client.discardingBody(DockerRequest(.DELETE, try ObjectPath.node(id), query: query))
    }
}
