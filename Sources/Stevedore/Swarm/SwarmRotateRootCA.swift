extension DockerClient.Swarm {
    /// Starts a rotation of the swarm's root CA with `POST /swarm/update` of its current spec:
    /// to `certificate` (PEM) and its `key` when given, else to a new root the swarm generates
    /// (`CAConfig.ForceRotate` incremented, as the docker CLI does). A `certificate` without
    /// `key` is an external CA's root: `change` must then set `CAConfig.ExternalCAs` that sign
    /// with it. `change` edits the rest of the spec in the same update (the node certificate
    /// expiry, external CAs).
    ///
    /// The call returns once the swarm took the new spec; the nodes then move to the new root
    /// over the next minutes. ``waitUntilRootRotationConverged(pollInterval:progress:)`` follows
    /// them. A node that is not a manager throws the daemon's refusal; a certificate and key
    /// that do not match, or that are not a CA, throw the swarm's reason.
    public func rotateRootCA(
        certificate: String? = nil, key: String? = nil, changing change: (inout SwarmSpec) throws -> Void = { _ in }
    ) async throws {
        let current = try await self.inspect()
        var spec = current.spec ?? SwarmSpec()
        try change(&spec)
        var caConfig = spec.caConfig ?? SwarmSpec.CAConfig()
        caConfig.signingCACert = certificate
        caConfig.signingCAKey = key
        if (certificate ?? "").isEmpty && (key ?? "").isEmpty {
            caConfig.forceRotate = (caConfig.forceRotate ?? 0) &+ 1
        }
        spec.caConfig = caConfig
        try await self.update(spec, options: SwarmUpdateOptions(version: Int64(clamping: current.version?.index ?? 0)))
    }

    /// Waits until every node of the swarm has a certificate from the swarm's root CA and trusts
    /// it, and the swarm reports no rotation under way; returns the swarm as last inspected (its
    /// `tlsInfo.trustRoot` is the new root). Reports each look (every `pollInterval`, 200 ms as
    /// the docker CLI asks) to `progress`, the last one converged. Without a rotation under way
    /// it returns after one look. Cancel the task to stop waiting: the swarm goes on rotating.
    @discardableResult
    public func waitUntilRootRotationConverged(
        pollInterval: Duration = .milliseconds(200), progress: (SwarmRootRotation) async throws -> Void = { _ in }
    ) async throws -> StevedoreModels.Swarm {
        let clock = ContinuousClock()
        while true {
            let swarm = try await self.inspect()
            let rotation = SwarmRootRotation(swarm: swarm, nodes: try await self.client.nodes.list())
            try await progress(rotation)
            if rotation.isConverged { return swarm }
            try await Task.sleep(for: pollInterval.clampedToLongestWait, clock: clock)
        }
    }
}
