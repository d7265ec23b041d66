extension DockerClient.Containers {
    /// `POST /containers/{id}/kill`: sends `signal` (default `nil`: the daemon's default,
    /// `SIGKILL`) to the container's main process. A container that is not running throws
    /// ``DockerError/Category/conflict``.
    public func kill(_ id: String, signal: ContainerSignal? = nil) async throws {
        var query = QueryItems()
        query.add("signal", signal?.rawValue)
        try await self.client.discardingBody(DockerRequest(.POST, try ObjectPath.container(id, "/kill"), query: query))
    }
}
