extension DockerClient {
    /// `GET /containers/{id}/top`: the processes running in the container, as `ps` lists them
    /// on the daemon's host with `psArgs` (default `nil`: the daemon's `-ef`). A container that
    /// is not running throws ``DockerError/Category/conflict``.
    public func topContainer(_ id: String, psArgs: String? = nil) async throws -> ContainerTopResponse {
        var query = QueryItems()
        query.add("ps_args", psArgs)
        return try await self.decode(ContainerTopResponse.self, from: DockerRequest(.GET, try ContainerReference.path(id, "/top"), query: query))
    }
}
