extension DockerClient {
    /// `GET /volumes/{name}`: the volume of this name. A missing volume throws
    /// ``DockerError/Category/notFound``.
    public func inspectVolume(_ name: String) async throws -> Volume {
        try await self.decode(Volume.self, from: DockerRequest(.GET, try ResourceReference.volume(name)))
    }
}
