extension DockerClient.System {
    /// `GET /info`: system-wide information (containers, images, drivers, resources, swarm).
    public func info() async throws -> SystemInfo {
        try await self.client.decode(SystemInfo.self, from: DockerRequest(.GET, "/info"))
    }
}
