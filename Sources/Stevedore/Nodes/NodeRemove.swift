extension DockerClient.Nodes {
    /// `DELETE /nodes/{id}`: removes the node from the swarm. A node that is still up is
    /// refused without `force` (the daemon says to stop it or leave first); a missing one
    /// throws ``DockerError/Category/notFound``.
    ///
    /// `force` (default `false`): remove a node that is still up.
    public func remove(_ id: String, force: Bool = false) async throws {
        var query = QueryItems()
        query.add("force", force ? true : nil)
        try await self.client.discardingBody(DockerRequest(.DELETE, try ObjectPath.node(id), query: query))
    }
}
