extension DockerClient {
    /// Managed plugins: `/plugins/…`, the spec's Plugin tag.
    ///
    /// A plugin is installed from a registry (``install(_:options:)``, after
    /// ``privileges(_:credentials:)`` says what it asks for) or created from a directory
    /// (``create(_:from:)``), always disabled; ``enable(_:timeout:)`` starts it. A plugin is
    /// named by its local name (`name:tag`, `:latest` when the tag is left out), its id, or a
    /// unique prefix of its id.
    ///
    /// A view of the client: it holds no state of its own.
    public struct Plugins: Sendable {
        let client: DockerClient
    }

    /// Managed plugins: `/plugins/…`, the spec's Plugin tag.
    public var plugins: Plugins { Plugins(client: self) }
}
