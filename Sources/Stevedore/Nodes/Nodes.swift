extension DockerClient {
    /// The swarm's nodes: `/nodes/…`, the spec's Node tag. Only managers answer.
    ///
    /// A view of the client: it holds no state of its own.
    public struct Nodes: Sendable {
        let client: DockerClient
    }

    /// The swarm's nodes: `/nodes/…`, the spec's Node tag.
    public var nodes: Nodes { Nodes(client: self) }
}
