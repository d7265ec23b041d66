/// Options of ``DockerClient/System/prune(_:)``: what `docker system prune` removes.
public struct SystemPruneOptions: Hashable, Sendable {
    /// Every unused image rather than only dangling ones, and all build cache rather than only
    /// unused records (`docker system prune -a`). Default `false`.
    public var all: Bool
    /// Prune volumes no container uses too (`--volumes`). Default `false`. From API 1.42 the
    /// daemon removes only anonymous volumes; before, every unused local volume.
    public var volumes: Bool
    /// `until`, `label` and `label!`, applied to every step. The build cache takes `until` and
    /// ignores label filters; volumes take no `until` (see ``DockerClient/System/prune(_:)``).
    public var filters: PruneFilters

    public init(all: Bool = false, volumes: Bool = false, filters: PruneFilters = .init()) {
        self.all = all
        self.volumes = volumes
        self.filters = filters
    }
}

/// What ``DockerClient/System/prune(_:)`` removed, one response per step.
public struct SystemPruneReport: Hashable, Sendable {
    public var containers: ContainerPruneResponse
    public var networks: NetworkPruneResponse
    /// Nil unless ``SystemPruneOptions/volumes`` was set.
    public var volumes: VolumePruneResponse?
    public var images: ImagePruneResponse
    public var buildCache: BuildPruneResponse

    /// The bytes freed, summed as docker sums them: a step's space counts only when it
    /// deleted something, except the build cache's, which always counts (networks free none).
    public var spaceReclaimed: Int64 {
        func counted(_ deleted: Int?, _ space: Int64?) -> Int64 { (deleted ?? 0) > 0 ? space ?? 0 : 0 }
        return counted(self.containers.containersDeleted?.count, self.containers.spaceReclaimed)
            + counted(self.volumes?.volumesDeleted?.count, self.volumes?.spaceReclaimed)
            + counted(self.images.imagesDeleted?.count, self.images.spaceReclaimed)
            + (self.buildCache.spaceReclaimed ?? 0)
    }
}

extension DockerClient.System {
    /// `docker system prune`: removes stopped containers, networks no container uses, unused
    /// volumes (with ``SystemPruneOptions/volumes``), dangling or all unused images and build
    /// cache, in that order, each step a prune endpoint with the same filters.
    ///
    /// An `until` filter together with ``SystemPruneOptions/volumes`` throws
    /// ``DockerError/Category/invalidInput`` before any request: the volume endpoint refuses it,
    /// and nothing should be half-pruned. A step that fails ends the prune with its error;
    /// what the earlier steps removed stays removed.
    public func prune(_ options: SystemPruneOptions = .init()) async throws -> SystemPruneReport {
        if options.volumes, options.filters.until != nil {
            throw DockerError.invalidInput(
                "the until filter cannot prune volumes: the daemon's volume prune takes no until; leave out the volumes or the filter")
        }
        let containers = try await self.client.containers.prune(options.filters)
        let networks = try await self.client.networks.prune(options.filters)
        var volumes: VolumePruneResponse?
        if options.volumes {
            var filters = VolumePruneFilters(label: options.filters.label, labelNot: options.filters.labelNot)
            filters.additional = options.filters.additional
            volumes = try await self.client.volumes.prune(filters)
        }
        let images = try await self.client.images.prune(ImagePruneFilters(dangling: !options.all, filters: options.filters.dockerFilters))
        let buildCache = try await self.client.images.pruneBuildCache(.init(all: options.all, filters: options.filters.dockerFilters))
        return SystemPruneReport(containers: containers, networks: networks, volumes: volumes, images: images, buildCache: buildCache)
    }
}
