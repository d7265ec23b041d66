extension DockerClient {
    /// The daemon itself: ping, version, info, events, disk usage and registry login (`/auth`), the spec's System tag.
    ///
    /// A view of the client: it holds no state of its own.
    public struct System: Sendable {
        let client: DockerClient
    }

    /// The daemon itself: ping, version, info, events, disk usage and registry login (`/auth`), the spec's System tag.
    public var system: System { System(client: self) }
}
