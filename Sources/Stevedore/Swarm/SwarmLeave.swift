/// Options of ``DockerClient/Swarm/leave(_:)`` (`POST /swarm/leave`).
public struct SwarmLeaveOptions: Hashable, Sendable {
    /// `force`: leave even as a manager, which may break the swarm's quorum (default `false`:
    /// a manager is refused).
    public var force: Bool

    public init(force: Bool = false) {
        self.force = force
    }
}

extension DockerClient.Swarm {
    /// `POST /swarm/leave`: this daemon leaves its swarm. A manager leaves only with
    /// ``SwarmLeaveOptions/force``; a daemon in no swarm throws
    /// ``DockerError/Category/unavailable``.
    public func leave(_ options: SwarmLeaveOptions = .init()) async throws {
        var query = QueryItems()
        query.add("force", options.force ? true : nil)
        try await self.client.discardingBody(DockerRequest(.POST, "/swarm/leave", query: query))
    }
}
