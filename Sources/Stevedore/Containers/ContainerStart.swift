extension DockerClient.Containers {
    /// `POST /containers/{id}/start`. Starting a running container succeeds (the daemon answers 304).
    ///
    /// `detachKeys`: the key sequence that detaches from the container's attached
    /// streams (e.g. `ctrl-p,ctrl-q`); default (`nil`): the daemon's, `ctrl-p,ctrl-q`.
    public func start(_ id: String, detachKeys: String? = nil) async throws {
        var query = QueryItems()
        query.add("detachKeys", detachKeys)
        try await self.client.discardingBody(DockerRequest(.POST, try ObjectPath.container(id, "/start"), query: query))
    }
}
