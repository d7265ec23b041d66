extension DockerClient.Secrets {
    /// `POST /secrets/{id}/update`: replaces the secret's spec; only its labels may change (the data
    /// never does: create another secret). Send the spec from an inspect, changed, with its version.
    ///
    /// `version`: the secret's `Version.Index` the update is based on, from its
    /// inspect. A stale one is refused, so concurrent updates cannot overwrite each other.
    public func update(_ id: String, _ spec: SecretSpec, version: Int64) async throws {
        try await self.requireSecrets()
        var query = QueryItems()
        query.add("version", version)
        let request = DockerRequest(.POST, try ObjectPath.secret(id, "/update"), query: query, body: try self.client.jsonBody(spec))
        try await self.client.discardingBody(request)
    }
}
