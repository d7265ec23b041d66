/// The `filters` of `POST /volumes/prune`.
public struct VolumePruneFilters: Hashable, Sendable {
    /// `label`: only volumes with this label (`key`) or label value (`key=value`).
    public var label: [LabelFilter] = []
    /// `label!`: only volumes without this label or label value.
    public var labelNot: [LabelFilter] = []
    /// `all`: named volumes too. From API 1.42 the daemon prunes only anonymous volumes unless
    /// this is set; before, it prunes every unused local volume and knows no `all`
    /// (``DockerClient/pruneVolumes(_:)`` throws ``DockerError/Category/unsupportedByAPIVersion``
    /// for it there).
    public var all: Bool

    public init(label: [LabelFilter] = [], labelNot: [LabelFilter] = [], all: Bool = false) {
        self.label = label
        self.labelNot = labelNot
        self.all = all
    }

    /// The filters as the daemon takes them.
    public var dockerFilters: DockerFilters {
        DockerFilters().adding([
            "label": self.label.map(\.description), "label!": self.labelNot.map(\.description), "all": self.all ? ["true"] : [],
        ])
    }
}

extension DockerClient {
    /// `POST /volumes/prune`: removes the unused local volumes matching `filters`; returns
    /// their names and the disk space reclaimed. `all` on a daemon before API 1.42 throws
    /// ``DockerError/Category/unsupportedByAPIVersion`` before the request.
    @discardableResult
    public func pruneVolumes(_ filters: VolumePruneFilters = .init()) async throws -> VolumePruneResponse {
        if filters.all {
            try await self.requireAPIVersion(APIVersion(1, 42), for: "the all filter of volume prune")
        }
        var query = QueryItems()
        query.add("filters", filters.dockerFilters)
        var request = DockerRequest(.POST, "/volumes/prune", query: query)
        // Removing many volumes' data can take long: no deadline.
        request.isStream = true
        return try await self.decode(VolumePruneResponse.self, from: request)
    }
}
