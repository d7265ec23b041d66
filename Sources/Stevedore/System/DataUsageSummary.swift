/// `/system/df` reduced to what `docker system df` prints: per kind of object, how many there
/// are, how many are in use, their size and what pruning would reclaim.
///
/// Daemons before API 1.52 send only lists of objects and the summary is computed from them as
/// the docker CLI does; newer daemons send the summaries (`ImageUsage`, …) and those are used.
public struct DataUsageSummary: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var totalCount: Int64
        public var activeCount: Int64
        /// Bytes used.
        public var size: Int64
        /// Bytes that pruning unused objects would free.
        public var reclaimable: Int64
    }

    public var images: Entry
    public var containers: Entry
    public var volumes: Entry
    public var buildCache: Entry
}

extension SystemDataUsageResponse {
    /// The summary `docker system df` prints.
    public var summary: DataUsageSummary {
        DataUsageSummary(
            images: self.imageUsage.map { Self.entry($0.totalCount, $0.activeCount, $0.totalSize, $0.reclaimable) }
                ?? self.legacyImageEntry,
            containers: self.containerUsage.map { Self.entry($0.totalCount, $0.activeCount, $0.totalSize, $0.reclaimable) }
                ?? self.legacyContainerEntry,
            volumes: self.volumeUsage.map { Self.entry($0.totalCount, $0.activeCount, $0.totalSize, $0.reclaimable) }
                ?? self.legacyVolumeEntry,
            buildCache: self.buildCacheUsage.map { Self.entry($0.totalCount, $0.activeCount, $0.totalSize, $0.reclaimable) }
                ?? self.legacyBuildCacheEntry
        )
    }

    private static func entry(_ total: Int64?, _ active: Int64?, _ size: Int64?, _ reclaimable: Int64?) -> DataUsageSummary.Entry {
        .init(totalCount: total ?? 0, activeCount: active ?? 0, size: size ?? 0, reclaimable: reclaimable ?? 0)
    }

    /// Images: the layers' size; what is not used by an image with containers is reclaimable
    /// (an image whose sizes the daemon did not compute, -1, is left out).
    private var legacyImageEntry: DataUsageSummary.Entry {
        let images = self.images ?? []
        let used = images.filter { $0.containers != 0 && $0.size >= 0 && $0.sharedSize >= 0 }
            .reduce(Int64(0)) { $0 &+ ($1.size &- $1.sharedSize) }
        let size = self.layersSize ?? 0
        let active = images.filter { $0.containers > 0 }.count
        return .init(totalCount: Int64(images.count), activeCount: Int64(active), size: size, reclaimable: max(0, size &- used))
    }

    /// Containers: their writable layers; those of containers neither running, paused nor
    /// restarting are reclaimable.
    private var legacyContainerEntry: DataUsageSummary.Entry {
        let containers = self.containers ?? []
        let active = containers.filter { [.running, .paused, .restarting].contains($0.state) }
        let size = containers.reduce(Int64(0)) { $0 &+ ($1.sizeRw ?? 0) }
        let activeSize = active.reduce(Int64(0)) { $0 &+ ($1.sizeRw ?? 0) }
        return .init(totalCount: Int64(containers.count), activeCount: Int64(active.count), size: size, reclaimable: size &- activeSize)
    }

    /// Volumes: their data; that of volumes no container references is reclaimable.
    private var legacyVolumeEntry: DataUsageSummary.Entry {
        let volumes = self.volumes ?? []
        let sized = volumes.compactMap { $0.usageData }.filter { $0.size >= 0 }
        let active = volumes.filter { ($0.usageData?.refCount ?? 0) > 0 }
        let size = sized.reduce(Int64(0)) { $0 &+ $1.size }
        let unused = sized.filter { $0.refCount == 0 }.reduce(Int64(0)) { $0 &+ $1.size }
        return .init(totalCount: Int64(volumes.count), activeCount: Int64(active.count), size: size, reclaimable: unused)
    }

    /// Build cache: the size of the records not shared with images; all of it but what is in
    /// use is reclaimable.
    private var legacyBuildCacheEntry: DataUsageSummary.Entry {
        let records = self.buildCache ?? []
        let active = records.filter { $0.inUse == true }
        let size = self.buildCacheSize
        let inUse = active.filter { $0.shared != true }.reduce(Int64(0)) { $0 &+ Int64($1.size ?? 0) }
        return .init(totalCount: Int64(records.count), activeCount: Int64(active.count), size: size, reclaimable: size &- inUse)
    }

    /// The bytes the build cache holds beyond what images share: `system df`'s build cache
    /// size (docker's `BuilderSize`).
    public var buildCacheSize: Int64 {
        (self.buildCache ?? []).filter { $0.shared != true }.reduce(Int64(0)) { $0 &+ Int64($1.size ?? 0) }
    }
}
