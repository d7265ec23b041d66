extension DockerClient {
    /// Images: `/images/…`, `/build`, `/commit`, the spec's Image tag.
    ///
    /// A view of the client: it holds no state of its own, so take it as often as convenient
    /// (`docker.images.list()`).
    ///
    /// Pull, push, import, load and build return a ``ProgressStream`` of the daemon's progress
    /// messages; an error inside the stream is thrown from it.
    public struct Images: Sendable {
        let client: DockerClient
    }

    /// Images: `/images/…`, `/build`, `/commit`, the spec's Image tag.
    public var images: Images { Images(client: self) }
}
