extension DockerClient.System {
    /// `GET /version`: the daemon's version, API range, OS, architecture and components.
    public func version() async throws -> SystemVersion {
        try await self.client.decode(SystemVersion.self, from: DockerRequest(.GET, "/version"))
    }
}
