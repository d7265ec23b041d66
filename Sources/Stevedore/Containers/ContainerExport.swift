extension DockerClient {
    /// `GET /containers/{id}/export`: the container's whole filesystem as an uncompressed tar,
    /// streamed as the daemon writes it (see ``DockerByteStream`` for backpressure and who
    /// closes the connection).
    public func exportContainer(_ id: String) async throws -> DockerByteStream {
        try await self.byteStream(DockerRequest(.GET, try ContainerReference.path(id, "/export"))).stream
    }
}
