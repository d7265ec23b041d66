extension DockerClient.Configs {
    /// `POST /configs/{id}/update`: replaces the config's spec; only its labels may change (the data
    /// never does: create another config). Send the spec from an inspect, changed, with its version.
    ///
    /// `version`: the config's `Version.Index` the update is based on, from its
    /// inspect. A stale one is refused, so concurrent updates cannot overwrite each other.
    public func update(_ id: String, _ spec: ConfigSpec, version: Int64) async throws {
        try await self.requireConfigs()
        var query = QueryItems()
        query.add("version", version)
        let request = DockerRequest(.POST, try ObjectPath.config(id, "/update"), query: query, body: try self.client.jsonBody(spec))
        try await self.client.discardingBody(request)
    }
}
