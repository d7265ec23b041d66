extension DockerClient.Containers {
    /// `GET /containers/{id}/top`: the processes running in the container, as `ps` lists them
    /// on the daemon's host with `psArgs` (default `nil`: the daemon's `-ef`). A container that
    /// is not running throws ``DockerError/Category/conflict``.
    public func top(_ id: String, psArgs: String? = nil) async throws -> ContainerTopResponse {
        var query = QueryItems()
        query.add("ps_args", psArgs)
        return try await self.client.decode(
            ContainerTopResponse.self, from: DockerRequest(.GET, try ObjectPath.container(id, "/top"), query: query))
    }
}
