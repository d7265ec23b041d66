extension DockerClient.Volumes {
    /// `GET /volumes/{name}`: the volume of this name. A missing volume throws
    /// ``DockerError/Category/notFound``.
    public func inspect(_ name: String) async throws -> Volume {
        try await self.client.decode(Volume.self, from: DockerRequest(.GET, try ObjectPath.volume(name)))
    }
}
