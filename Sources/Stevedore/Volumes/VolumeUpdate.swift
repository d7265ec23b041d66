extension DockerClient.Volumes {
    /// `PUT /volumes/{name}`: updates a swarm cluster volume; only `Spec.AccessMode.Availability`
    /// may change. The endpoint exists from API 1.42: older daemons throw
    /// ``DockerError/Category/unsupportedByAPIVersion`` before the request. A daemon that is
    /// not a swarm manager throws ``DockerError/Category/unavailable``; a missing volume
    /// ``DockerError/Category/notFound``.
    ///
    /// `version`: the cluster volume's `ClusterVolume.Version.Index` the update is
    /// based on; the daemon refuses a stale one, so that concurrent updates cannot overwrite
    /// each other.
    public func update(_ name: String, _ body: VolumeUpdateBody, version: Int64) async throws {
        let path = try ObjectPath.volume(name)
        try await self.client.requireAPIVersion(APIVersion(1, 42), for: "volume update (swarm cluster volumes)")
        var query = QueryItems()
        query.add("version", version)
        try await self.client.discardingBody(DockerRequest(.PUT, path, query: query, body: try self.client.jsonBody(body)))
    }
}
