extension DockerClient {
    /// `POST /containers/{id}/update`: changes resource limits and the restart policy of a
    /// container, running or not, without recreating it. Fields left `nil` keep their value.
    /// Returns the daemon's warnings (e.g. a limit the kernel does not support). A limit the
    /// daemon refuses (memory below its minimum, a swap limit below the memory limit) throws
    /// ``DockerError/Category/invalidArgument`` or ``DockerError/Category/server``.
    @discardableResult
    public func updateContainer(_ id: String, _ body: ContainerUpdateBody) async throws -> ContainerUpdateResponse {
        let path = try ContainerReference.path(id, "/update")
        return try await self.decode(ContainerUpdateResponse.self, from: DockerRequest(.POST, path, body: try self.jsonBody(body)))
    }
}
