extension DockerClient {
    /// `POST /containers/{id}/restart`: stops the container as ``stopContainer(_:options:)``
    /// does (same signal and timeout), then starts it. A stopped container is just started.
    public func restartContainer(_ id: String, options: ContainerStopOptions = .init()) async throws {
        let path = try ContainerReference.path(id, "/restart")
        let query = try await options.query(for: self, operation: "restart")
        try await self.discardingBody(Self.stopRequest(path, query))
    }
}
