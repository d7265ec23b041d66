extension DockerClient {
    /// Volumes: `/volumes/…`, the spec's Volume tag.
    ///
    /// A view of the client: it holds no state of its own, so take it as often as convenient
    /// (`docker.volumes.list()`).
    public struct Volumes: Sendable {
        let client: DockerClient
    }

    /// Volumes: `/volumes/…`, the spec's Volume tag.
    public var volumes: Volumes { Volumes(client: self) }
}
