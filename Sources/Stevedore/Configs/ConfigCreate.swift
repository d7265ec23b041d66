extension DockerClient.Configs {
    /// `POST /configs/create`: creates a config and returns its id. A name in use throws
    /// ``DockerError/Category/conflict``; data over 1000 KB is refused.
    ///
    /// Cancelled while the manager creates the config (which it finishes even when the client
    /// goes away), the call waits for the manager's answer, up to 15 seconds, then removes the
    /// config (up to 10 seconds more) and throws `CancellationError`: only a daemon slower than
    /// that is left with the config.
    @discardableResult
    public func create(_ spec: ConfigSpec) async throws -> String {
        guard let name = spec.name, !name.isEmpty else { throw DockerError.invalidInput("a config needs a name") }
        try await self.requireConfigs()
        let request = DockerRequest(.POST, "/configs/create", body: try self.client.jsonBody(spec))
        return try await self.client.createLeavingNothingIfCancelled {
            try await self.client.decode(SwarmObjectCreateResponse.self, from: request).id
        } removing: { id in
            try await self.remove(id)
        }
    }
}
