extension DockerClient {
    /// The swarm this daemon belongs to: `/swarm/…`, the spec's Swarm tag (init, join, leave,
    /// inspect, update, unlock). Nodes, services, tasks, secrets and configs have areas of
    /// their own.
    ///
    /// A view of the client: it holds no state of its own. A daemon that is not in a swarm,
    /// or not a manager, answers the manager-only calls with
    /// ``DockerError/Category/unavailable`` and the daemon's message (`This node is not a swarm
    /// manager…`).
    public struct Swarm: Sendable {
        let client: DockerClient
    }

    /// The swarm this daemon belongs to: `/swarm/…`, the spec's Swarm tag.
    public var swarm: Swarm { Swarm(client: self) }
}
