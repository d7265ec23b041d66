/// Options of ``DockerClient/Swarm/update(_:options:)`` (`POST /swarm/update`).
public struct SwarmUpdateOptions: Hashable, Sendable {
    /// `version`: the swarm's `Version.Index` the update is based on, from
    /// ``DockerClient/Swarm/inspect()``. A stale one is refused, so concurrent updates cannot
    /// overwrite each other.
    public var version: Int64
    /// `rotateWorkerToken`: issue a new worker join token; the old one stops working.
    public var rotateWorkerToken: Bool
    /// `rotateManagerToken`: issue a new manager join token; the old one stops working.
    public var rotateManagerToken: Bool
    /// `rotateManagerUnlockKey`: issue a new unlock key (autolocked swarms).
    public var rotateManagerUnlockKey: Bool

    public init(version: Int64, rotateWorkerToken: Bool = false, rotateManagerToken: Bool = false, rotateManagerUnlockKey: Bool = false) {
        self.version = version
        self.rotateWorkerToken = rotateWorkerToken
        self.rotateManagerToken = rotateManagerToken
        self.rotateManagerUnlockKey = rotateManagerUnlockKey
    }
}

extension DockerClient.Swarm {
    /// `POST /swarm/update`: replaces the swarm's spec (send the whole spec, changed) and
    /// rotates tokens or the unlock key as `options` asks. A stale
    /// ``SwarmUpdateOptions/version`` throws the daemon's refusal (`update out of sequence`).
    public func update(_ spec: SwarmSpec, options: SwarmUpdateOptions) async throws {
        var query = QueryItems()
        query.add("version", options.version)
        query.add("rotateWorkerToken", options.rotateWorkerToken ? true : nil)
        query.add("rotateManagerToken", options.rotateManagerToken ? true : nil)
        query.add("rotateManagerUnlockKey", options.rotateManagerUnlockKey ? true : nil)
        let request = DockerRequest(.POST, "/swarm/update", query: query, body: try self.client.jsonBody(spec))
        try await self.client.discardingBody(request)
    }
}
