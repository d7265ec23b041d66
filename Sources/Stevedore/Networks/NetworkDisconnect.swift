extension DockerClient.Networks {
    /// `POST /networks/{id}/disconnect`: detaches `request.container` (id or name, required)
    /// from the network; `force` also when its endpoint is gone or the container is not
    /// running. A missing network or container throws ``DockerError/Category/notFound``; a
    /// container not attached throws ``DockerError/Category/server`` with the daemon's message.
    public func disconnect(_ id: String, _ request: NetworkDisconnectRequest) async throws {
        let path = try ObjectPath.network(id, "/disconnect")
        try ObjectPath.container.validate(request.container ?? "")
        try await self.client.discardingBody(DockerRequest(.POST, path, body: try self.client.jsonBody(request)))
    }
}
