/// The `filters` of `POST /volumes/prune`.
public struct VolumePruneFilters: TypedFilters, Hashable {
    /// `label`: only volumes with this label (`key`) or label value (`key=value`).
    public var label: [LabelFilter] = []
    /// `label!`: only volumes without this label or label value.
    public var labelNot: [LabelFilter] = []
    /// `all`: named volumes too. From API 1.42 the daemon prunes only anonymous volumes unless
    /// this is set; before, it prunes every unused local volume and knows no `all`
    /// (``DockerClient/Volumes/prune(_:)`` throws ``DockerError/Category/unsupportedByAPIVersion``
    /// for it there).
    public var all: Bool = false
    /// Keys this type does not know (newer daemons), merged into the request as given.
    public var additional = DockerFilters()

    public init() {}

    public init(label: [LabelFilter] = [], labelNot: [LabelFilter] = [], all: Bool = false) {
        self.label = label
        self.labelNot = labelNot
        self.all = all
    }

    /// The filters as the daemon takes them.
    public var dockerFilters: DockerFilters {
        self.additional.adding([
            "label": self.label.map(\.description), "label!": self.labelNot.map(\.description), "all": self.all ? ["true"] : [],
        ])
    }

    /// Puts a `--filter` value under its property; other keys, and an `all` value other than
    /// the first `true` (`false`, `1`, a second value), go to ``additional`` as given, for the
    /// daemon to judge: it refuses a second value, so ``all`` set later on filters that hold
    /// one is refused too.
    public mutating func add(key: String, value: String) throws {
        switch key {
        case "label": self.label.append(LabelFilter(parsing: value))
        case "label!": self.labelNot.append(LabelFilter(parsing: value))
        case "all" where value == "true" && !self.all: self.all = true
        default: self.additional.add(key, value)
        }
    }
}

extension DockerClient.Volumes {
    /// `POST /volumes/prune`: removes the unused local volumes matching `filters`; returns
    /// their names and the disk space reclaimed. `all` on a daemon before API 1.42 throws
    /// ``DockerError/Category/unsupportedByAPIVersion`` before the request.
    @discardableResult
    public func prune(_ filters: VolumePruneFilters = .init()) async throws -> VolumePruneResponse {
        if filters.all {
            try await self.client.requireAPIVersion(APIVersion(1, 42), for: "the all filter of volume prune")
        }
        var query = QueryItems()
        query.add("filters", filters.dockerFilters)
        var request = DockerRequest(.POST, "/volumes/prune", query: query)
        // Removing many volumes' data can take long: no deadline.
        request.isStream = true
        return try await self.client.decode(VolumePruneResponse.self, from: request)
    }
}
