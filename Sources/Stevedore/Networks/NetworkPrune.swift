/// The `filters` of `POST /networks/prune`: `until`, `label` and `label!`.
public typealias NetworkPruneFilters = PruneFilters

extension DockerClient.Networks {
    /// `POST /networks/prune`: removes every user-defined network no container uses that
    /// matches `filters`; returns the removed networks' names. An `until` the daemon cannot
    /// parse throws a ``DockerError`` with the daemon's reason (``DockerError/Category/server``:
    /// dockerd 20.10 answers 500).
    @discardableResult
    public func prune(_ filters: NetworkPruneFilters = .init()) async throws -> NetworkPruneResponse {
        var query = QueryItems()
        query.add("filters", filters.dockerFilters)
        return try await self.client.decode(NetworkPruneResponse.self, from: DockerRequest(.POST, "/networks/prune", query: query))
    }
}
