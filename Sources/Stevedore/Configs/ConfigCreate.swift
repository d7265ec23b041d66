extension DockerClient.Configs {
    /// `POST /configs/create`: creates a config and returns its id. A name in use throws
    /// ``DockerError/Category/conflict``; data over 1000 KB is refused.
    @discardableResult
    public func create(_ spec: ConfigSpec) async throws -> String {
        guard let name = spec.name, !name.isEmpty else { throw DockerError.invalidInput("a config needs a name") }
        try await self.requireConfigs()
        let request = DockerRequest(.POST, "/configs/create", body: try self.client.jsonBody(spec))
        return try await self.client.decode(SwarmObjectCreateResponse.self, from: request).id
    }
}
