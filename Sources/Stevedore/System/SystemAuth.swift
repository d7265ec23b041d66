extension DockerClient.System {
    /// `POST /auth`: checks credentials against a registry (Docker Hub when `serveraddress` is
    /// empty). Succeeds with the registry's status, and an identity token when it issues one;
    /// wrong credentials throw ``DockerError/Category/unauthorized``.
    public func auth(_ credentials: AuthConfig) async throws -> AuthResponse {
        try await self.client.decode(AuthResponse.self, from: DockerRequest(.POST, "/auth", body: self.client.jsonBody(credentials)))
    }
}
