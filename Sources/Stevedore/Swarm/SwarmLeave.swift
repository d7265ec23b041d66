extension DockerClient.Swarm {
    /// `POST /swarm/leave`: this daemon leaves its swarm. A manager leaves only with `force`
    /// (default `false`), which may break the swarm's quorum; a daemon in no swarm throws
    /// ``DockerError/Category/unavailable``.
    public func leave(force: Bool = false) async throws {
        var query = QueryItems()
        query.add("force", force ? true : nil)
        try await self.client.discardingBody(DockerRequest(.POST, "/swarm/leave", query: query))
    }
}
