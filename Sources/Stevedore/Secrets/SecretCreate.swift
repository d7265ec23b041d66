extension DockerClient.Secrets {
    /// `POST /secrets/create`: creates a secret and returns its id. A name in use throws
    /// ``DockerError/Category/conflict``; data over 500 KB is refused.
    @discardableResult
    public func create(_ spec: SecretSpec) async throws -> String {
        guard let name = spec.name, !name.isEmpty else { throw DockerError.invalidInput("a secret needs a name") }
        try await self.requireSecrets()
        let request = DockerRequest(.POST, "/secrets/create", body: try self.client.jsonBody(spec))
        return try await self.client.decode(SwarmObjectCreateResponse.self, from: request).id
    }
}
