extension DockerClient {
    /// The swarm's services: `/services/…`, the spec's Service tag. Only managers answer.
    ///
    /// A view of the client: it holds no state of its own.
    public struct Services: Sendable {
        let client: DockerClient
    }

    /// The swarm's services: `/services/…`, the spec's Service tag.
    public var services: Services { Services(client: self) }
}
