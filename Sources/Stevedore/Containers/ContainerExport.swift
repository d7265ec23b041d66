extension DockerClient.Containers {
    /// `GET /containers/{id}/export`: the container's whole filesystem as an uncompressed tar,
    /// streamed as the daemon writes it (see ``DockerByteStream`` for backpressure and who
    /// closes the connection).
    public func export(_ id: String) async throws -> DockerByteStream {
        try await self.client.byteStream(DockerRequest(.GET, try ObjectPath.container(id, "/export"))).stream
    }
}
