extension DockerClient {
    /// Networks: `/networks/…`, the spec's Network tag.
    ///
    /// A view of the client: it holds no state of its own, so take it as often as convenient
    /// (`docker.networks.list()`).
    public struct Networks: Sendable {
        let client: DockerClient
    }

    /// Networks: `/networks/…`, the spec's Network tag.
    public var networks: Networks { Networks(client: self) }
}
