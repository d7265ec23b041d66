extension DockerClient.Plugins {
    /// `GET /plugins`: the installed plugins matching `filters`, in no particular order.
    public func list(_ filters: PluginListFilters = .init()) async throws -> [Plugin] {
        var query = QueryItems()
        query.add("filters", filters.dockerFilters)
        return try await self.client.decode([Plugin].self, from: DockerRequest(.GET, "/plugins", query: query))
    }
}
