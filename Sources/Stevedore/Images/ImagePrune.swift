/// The `filters` of ``DockerClient/Images/prune(_:)`` (`POST /images/prune`), typed.
public struct ImagePruneFilters: Hashable, Sendable {
    /// `dangling` filter: `true` (the daemon's default) removes only untagged unused images;
    /// `false` removes every unused image.
    public var dangling: Bool?
    /// `until` filter: only images created before this timestamp or duration (`24h`).
    public var until: String?
    /// `label` filters: `key`, `key=value`, `label!=…` via ``filters``.
    public var labels: [String]
    /// Any other filter (`label!`), passed as is.
    public var filters: DockerFilters

    public init(dangling: Bool? = nil, until: String? = nil, labels: [String] = [], filters: DockerFilters = .init()) {
        self.dangling = dangling
        self.until = until
        self.labels = labels
        self.filters = filters
    }

    var allFilters: DockerFilters {
        var filters = self.filters
        self.dangling.map { filters.add("dangling", String($0)) }
        self.until.map { filters.add("until", $0) }
        for label in self.labels { filters.add("label", label) }
        return filters
    }
}

extension DockerClient.Images {
    /// `POST /images/prune`: deletes unused images; returns what was deleted and the space freed.
    @discardableResult
    public func prune(_ filters: ImagePruneFilters = .init()) async throws -> ImagePruneResponse {
        var query = QueryItems()
        query.add("filters", filters.allFilters)
        var request = DockerRequest(.POST, "/images/prune", query: query)
        // Pruning a large store takes long: no deadline.
        request.isStream = true
        return try await self.client.decode(ImagePruneResponse.self, from: request)
    }
}
