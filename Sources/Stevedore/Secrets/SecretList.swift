extension DockerClient.Secrets {
    /// `GET /secrets`: the secrets matching `filters` (never their data).
    public func list(_ filters: SecretListFilters = .init()) async throws -> [Secret] {
        try await self.requireSecrets()
        var query = QueryItems()
        query.add("filters", filters.dockerFilters)
        return try await self.client.decode([Secret].self, from: DockerRequest(.GET, "/secrets", query: query))
    }
}
