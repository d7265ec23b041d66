extension DockerClient.Secrets {
    /// `POST /secrets/create`: creates a secret and returns its id. A name in use throws
    /// ``DockerError/Category/conflict``; data over 500 KB is refused.
    ///
    /// Cancelled while the manager creates the secret (which it finishes even when the client
    /// goes away), the call waits for the manager's answer, up to 15 seconds, then removes the
    /// secret (up to 10 seconds more) and throws `CancellationError`: only a daemon slower than
    /// that is left with the secret.
    @discardableResult
    public func create(_ spec: SecretSpec) async throws -> String {
        guard let name = spec.name, !name.isEmpty else { throw DockerError.invalidInput("a secret needs a name") }
        try await self.requireSecrets()
        let request = DockerRequest(.POST, "/secrets/create", body: try self.client.jsonBody(spec))
        return try await self.client.createLeavingNothingIfCancelled {
            try await self.client.decode(SwarmObjectCreateResponse.self, from: request).id
        } removing: { id in
            try await self.remove(id)
        }
    }
}
