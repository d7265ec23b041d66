extension DockerClient {
    /// Exec instances: `/containers/{id}/exec` and `/exec/…`, the spec's Exec tag.
    ///
    /// A view of the client: it holds no state of its own, so take it as often as convenient
    /// (`docker.exec.run(["ls"], in: id)`).
    ///
    /// ``run(_:in:options:)`` composes create, start, output collection and the exit code;
    /// ``withRun(_:in:_:)`` does the same with the caller reading and writing the streams.
    public struct Exec: Sendable {
        let client: DockerClient
    }

    /// Exec instances: `/containers/{id}/exec` and `/exec/…`, the spec's Exec tag.
    public var exec: Exec { Exec(client: self) }
}
