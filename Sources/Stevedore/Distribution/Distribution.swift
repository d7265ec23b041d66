extension DockerClient {
    /// Registry manifests as the daemon sees them: `/distribution/…`, the spec's Distribution tag.
    ///
    /// A view of the client: it holds no state of its own.
    public struct Distribution: Sendable {
        let client: DockerClient
    }

    /// Registry manifests as the daemon sees them: `/distribution/…`, the spec's Distribution tag.
    public var distribution: Distribution { Distribution(client: self) }
}
