/// Options of ``DockerClient/Images/pruneBuildCache(_:)`` (`POST /build/prune`).
public struct BuildPruneOptions: Hashable, Sendable {
    /// `all`: remove every kind of cache record, not only dangling ones.
    public var all: Bool
    /// `reserved-space` (API ≥ 1.48; `keep-storage` before): bytes of cache to keep.
    public var reservedSpace: Int64?
    /// `max-used-space`: prune until the cache uses at most this many bytes (API ≥ 1.48).
    public var maxUsedSpace: Int64?
    /// `min-free-space`: prune until the disk has this many bytes free (API ≥ 1.48).
    public var minFreeSpace: Int64?
    /// `filters`: `until`, `id`, `parent`, `type`, `description`, `inuse`, `shared`, `private`.
    public var filters: DockerFilters

    public init(
        all: Bool = false, reservedSpace: Int64? = nil, maxUsedSpace: Int64? = nil, minFreeSpace: Int64? = nil,
        filters: DockerFilters = .init()
    ) {
        self.all = all
        self.reservedSpace = reservedSpace
        self.maxUsedSpace = maxUsedSpace
        self.minFreeSpace = minFreeSpace
        self.filters = filters
    }
}

extension DockerClient.Images {
    /// `POST /build/prune`: deletes build cache; returns the records deleted and the space freed.
    @discardableResult
    public func pruneBuildCache(_ options: BuildPruneOptions = .init()) async throws -> BuildPruneResponse {
        var query = QueryItems()
        query.add("all", options.all ? true : nil)
        let version = try await self.client.apiVersion()
        let modern = APIVersion(1, 48)
        if let reserved = options.reservedSpace {
            query.add(version >= modern ? "reserved-space" : "keep-storage", reserved)
        }
        if options.maxUsedSpace != nil || options.minFreeSpace != nil {
            try await self.client.requireAPIVersion(modern, for: "max-used-space and min-free-space of build cache prune")
            query.add("max-used-space", options.maxUsedSpace)
            query.add("min-free-space", options.minFreeSpace)
        }
        query.add("filters", options.filters)
        var request = DockerRequest(.POST, "/build/prune", query: query)
        request.isStream = true
        return try await self.client.decode(BuildPruneResponse.self, from: request)
    }
}
