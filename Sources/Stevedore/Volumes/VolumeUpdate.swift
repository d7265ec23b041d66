/// Options of ``DockerClient/Volumes/update(_:_:options:)`` (`PUT /volumes/{name}`).
public struct VolumeUpdateOptions: Hashable, Sendable {
    /// `version`: the version of the cluster volume being updated (its
    /// `ClusterVolume.Version.Index`); the daemon refuses a stale one, so that concurrent
    /// updates cannot overwrite each other.
    public var version: Int64

    public init(version: Int64) {
        self.version = version
    }
}

extension DockerClient.Volumes {
    /// `PUT /volumes/{name}`: updates a swarm cluster volume; only `Spec.AccessMode.Availability`
    /// may change. The endpoint exists from API 1.42: older daemons throw
    /// ``DockerError/Category/unsupportedByAPIVersion`` before the request. A daemon that is
    /// not a swarm manager throws ``DockerError/Category/unavailable``; a missing volume
    /// ``DockerError/Category/notFound``.
    public func update(_ name: String, _ body: VolumeUpdateBody, options: VolumeUpdateOptions) async throws {
        let path = try ObjectPath.volume(name)
        try await self.client.requireAPIVersion(APIVersion(1, 42), for: "volume update (swarm cluster volumes)")
        var query = QueryItems()
        query.add("version", options.version)
        try await self.client.discardingBody(DockerRequest(.PUT, path, query: query, body: try self.client.jsonBody(body)))
    }
}
