/// The `filters` of `POST /containers/prune`.
public struct ContainerPruneFilters: Hashable, Sendable {
    /// `until`: only containers created before this time: Unix seconds, an RFC 3339 date, or a
    /// Go duration relative to the daemon's clock (`10m`, `1h30m`).
    public var until: String?
    /// `label`: only containers with this label (`key`) or label value (`key=value`).
    public var label: [LabelFilter] = []
    /// `label!`: only containers without this label or label value.
    public var labelNot: [LabelFilter] = []

    public init(until: String? = nil, label: [LabelFilter] = [], labelNot: [LabelFilter] = []) {
        self.until = until
        self.label = label
        self.labelNot = labelNot
    }

    /// The filters as the daemon takes them.
    public var dockerFilters: DockerFilters {
        var filters = DockerFilters()
        if let until { filters.add("until", until) }
        for label in self.label { filters.add("label", label.description) }
        for label in self.labelNot { filters.add("label!", label.description) }
        return filters
    }
}

extension DockerClient {
    /// `POST /containers/prune`: removes every stopped container matching `filters`; returns
    /// the removed ids and the disk space reclaimed. An `until` the daemon cannot parse throws
    /// ``DockerError/Category/invalidArgument``.
    @discardableResult
    public func pruneContainers(_ filters: ContainerPruneFilters = .init()) async throws -> ContainerPruneResponse {
        var query = QueryItems()
        query.add("filters", filters.dockerFilters)
        var request = DockerRequest(.POST, "/containers/prune", query: query)
        // Removing many containers (vfs copies whole filesystems) can take long.
        request.isStream = true
        return try await self.decode(ContainerPruneResponse.self, from: request)
    }
}
