extension DockerClient.Configs {
    /// `GET /configs`: the configs matching `filters`.
    public func list(_ filters: ConfigListFilters = .init()) async throws -> [Config] {
        try await self.requireConfigs()
        var query = QueryItems()
        query.add("filters", filters.dockerFilters)
        return try await self.client.decode([Config].self, from: DockerRequest(.GET, "/configs", query: query))
    }
}
