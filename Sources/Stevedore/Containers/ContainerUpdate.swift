extension DockerClient.Containers {
    /// `POST /containers/{id}/update`: changes resource limits and the restart policy of a
    /// container, running or not, without recreating it. Fields left `nil` keep their value.
    /// Returns the daemon's warnings (e.g. a limit the kernel does not support). A limit the
    /// daemon refuses (memory below its minimum, a swap limit below the memory limit) throws
    /// ``DockerError/Category/invalidArgument`` or ``DockerError/Category/server``.
    @discardableResult
    public func update(_ id: String, _ body: ContainerUpdateBody) async throws -> ContainerUpdateResponse {
        let path = try ObjectPath.container(id, "/update")
        return try await self.client.decode(
            ContainerUpdateResponse.self, from: DockerRequest(.POST, path, body: try self.client.jsonBody(body)))
    }
}
