/// Options of ``DockerClient/Images/list(_:)`` (`GET /images/json`).
///
/// The typed filter fields are added to ``filters``; keys are ANDed, values of one key ORed.
public struct ImageListOptions: Hashable, Sendable {
    /// `all`: intermediate images too, not only top-level ones.
    public var all: Bool
    /// `digests`: fill `RepoDigests`.
    public var digests: Bool
    /// `shared-size`: compute `SharedSize` (API ≥ 1.42).
    public var sharedSize: Bool
    /// `manifests`: fill `Manifests` (API ≥ 1.47).
    public var manifests: Bool
    /// `identity`: fill `Identity` in each manifest summary; needs ``manifests`` (API ≥ 1.54).
    public var identity: Bool
    /// `before` filter: images created before this one (name, `name:tag`, id or `name@digest`).
    public var before: String?
    /// `since` filter: images created after this one.
    public var since: String?
    /// `dangling` filter: only untagged images (`true`) or only tagged ones (`false`).
    public var dangling: Bool?
    /// `label` filters: `key` or `key=value`.
    public var labels: [String]
    /// `reference` filters: `name`, `name:tag`, with `*` wildcards (`stevedore-test/*`).
    public var references: [String]
    /// `until` filter: images created before a timestamp or duration (`10m`, RFC 3339, Unix).
    public var until: String?
    /// Any other filter, passed as is.
    public var filters: DockerFilters

    public init(
        all: Bool = false, digests: Bool = false, sharedSize: Bool = false, manifests: Bool = false, identity: Bool = false,
        before: String? = nil, since: String? = nil, dangling: Bool? = nil, labels: [String] = [], references: [String] = [],
        until: String? = nil, filters: DockerFilters = .init()
    ) {
        self.all = all
        self.digests = digests
        self.sharedSize = sharedSize
        self.manifests = manifests
        self.identity = identity
        self.before = before
        self.since = since
        self.dangling = dangling
        self.labels = labels
        self.references = references
        self.until = until
        self.filters = filters
    }

    /// ``filters`` with the typed filter fields added.
    var allFilters: DockerFilters {
        var filters = self.filters
        self.before.map { filters.add("before", $0) }
        self.since.map { filters.add("since", $0) }
        self.dangling.map { filters.add("dangling", String($0)) }
        self.until.map { filters.add("until", $0) }
        for label in self.labels { filters.add("label", label) }
        for reference in self.references { filters.add("reference", reference) }
        return filters
    }
}

extension DockerClient.Images {
    /// `GET /images/json`: the images in the local store, newest first as the daemon sorts them.
    public func list(_ options: ImageListOptions = .init()) async throws -> [ImageSummary] {
        var query = QueryItems()
        query.add("all", options.all ? true : nil)
        query.add("digests", options.digests ? true : nil)
        if options.sharedSize {
            try await self.client.requireAPIVersion(APIVersion(1, 42), for: "the shared-size option of image list")
            query.add("shared-size", true)
        }
        if options.manifests {
            try await self.client.requireAPIVersion(APIVersion(1, 47), for: "the manifests option of image list")
            query.add("manifests", true)
        }
        if options.identity {
            try await self.client.requireAPIVersion(APIVersion(1, 54), for: "the identity option of image list")
            guard options.manifests else { throw DockerError.invalidInput("the identity option of image list needs manifests") }
            query.add("identity", true)
        }
        query.add("filters", options.allFilters)
        return try await self.client.decode([ImageSummary].self, from: DockerRequest(.GET, "/images/json", query: query))
    }
}
