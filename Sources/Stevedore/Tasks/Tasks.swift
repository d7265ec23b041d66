extension DockerClient {
    /// The swarm's tasks: `/tasks/…`, the spec's Task tag: the containers the swarm runs for
    /// services, one per replica (or node), old ones kept for a while. Only managers answer.
    ///
    /// A view of the client: it holds no state of its own.
    public struct Tasks: Sendable {
        let client: DockerClient
    }

    /// The swarm's tasks: `/tasks/…`, the spec's Task tag.
    public var tasks: Tasks { Tasks(client: self) }
}
