extension DockerClient.Secrets {
    /// `POST /secrets/{id}/update`: replaces the secret's spec; only its labels may change (the data
    /// never does: create another secret). Send the spec from an inspect, changed, with its version.
    public func update(_ id: String, _ spec: SecretSpec, options: SwarmObjectUpdateOptions) async throws {
        try await self.requireSecrets()
        var query = QueryItems()
        query.add("version", options.version)
        let request = DockerRequest(.POST, try ObjectPath.secret(id, "/update"), query: query, body: try self.client.jsonBody(spec))
        try await self.client.discardingBody(request)
    }
}
