/// The `filters` of `POST /containers/prune`: `until`, `label` and `label!`.
public typealias ContainerPruneFilters = PruneFilters

extension DockerClient.Containers {
    /// `POST /containers/prune`: removes every stopped container matching `filters`; returns
    /// the removed ids and the disk space reclaimed. An `until` the daemon cannot parse throws
    /// ``DockerError/Category/invalidArgument``.
    @discardableResult
    public func prune(_ filters: ContainerPruneFilters = .init()) async throws -> ContainerPruneResponse {
        var query = QueryItems()
        query.add("filters", filters.dockerFilters)
        var request = DockerRequest(.POST, "/containers/prune", query: query)
        // Removing many containers (vfs copies whole filesystems) can take long.
        request.isStream = true
        return try await self.client.decode(ContainerPruneResponse.self, from: request)
    }
}
