extension DockerClient {
    /// `POST /containers/{id}/kill`: sends `signal` (default `nil`: the daemon's default,
    /// `SIGKILL`) to the container's main process. A container that is not running throws
    /// ``DockerError/Category/conflict``.
    public func killContainer(_ id: String, signal: ContainerSignal? = nil) async throws {
        var query = QueryItems()
        query.add("signal", signal?.rawValue)
        try await self.discardingBody(DockerRequest(.POST, try ContainerReference.path(id, "/kill"), query: query))
    }
}
