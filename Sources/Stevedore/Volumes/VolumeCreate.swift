extension DockerClient.Volumes {
    /// `POST /volumes/create`: creates the volume `body` describes (a name the daemon makes up
    /// when `name` is nil, the `local` driver when `driver` is nil) and returns it. Creating a
    /// volume whose name exists with the same driver returns the existing one, as the daemon
    /// does. A name the driver refuses throws ``DockerError/Category/invalidArgument``; a driver
    /// that does not exist ``DockerError/Category/notFound`` (after the daemon's plugin lookup
    /// gives up, about 15 seconds). `clusterVolumeSpec` (swarm cluster
    /// volumes) needs API 1.42: older daemons throw ``DockerError/Category/unsupportedByAPIVersion``
    /// before the request.
    ///
    /// Cancelled while the daemon creates a volume it names (`name` nil or empty), which it
    /// finishes even when the client goes away, the call waits for the daemon's answer, up to
    /// 15 seconds, then removes the volume (up to 10 seconds more) and throws
    /// `CancellationError`. A cancelled create of a volume named by the caller may still make
    /// it: it is left, as it may be one that existed before; creating it again returns it.
    public func create(_ body: VolumeCreateRequest = .init()) async throws -> Volume {
        if body.clusterVolumeSpec != nil {
            try await self.client.requireAPIVersion(APIVersion(1, 42), for: "ClusterVolumeSpec of volume create")
        }
        let request = DockerRequest(.POST, "/volumes/create", body: try self.client.jsonBody(body))
        guard body.name?.isEmpty ?? true else { return try await self.client.decode(Volume.self, from: request) }
        return try await self.client.createLeavingNothingIfCancelled {
            try await self.client.decode(Volume.self, from: request)
        } removing: { created in
            try await self.remove(created.name)
        }
    }
}
