extension DockerClient {
    /// Containers: `/containers/…`, the spec's Container tag.
    ///
    /// A view of the client: it holds no state of its own, so take it as often as convenient
    /// (`docker.containers.list()`).
    ///
    /// Besides the API's operations it has the compositions docker's CLI is made of, each named
    /// after what it composes: ``run(_:options:pullProgress:)`` and
    /// ``withRun(_:options:pullProgress:onCreate:_:)`` (pull if missing, create, wait, attach, start, wait, remove),
    /// ``copyIn(_:path:from:options:progress:)`` and ``copyOut(_:path:to:options:progress:)`` (a tar of local files
    /// through the archive endpoints), ``logLines(_:options:)`` and the scoped `with…` forms of attach.
    public struct Containers: Sendable {
        let client: DockerClient
    }

    /// Containers: `/containers/…`, the spec's Container tag.
    public var containers: Containers { Containers(client: self) }
}
