/// Options of ``DockerClient/Containers/attach(_:options:)`` (`POST /containers/{id}/attach`).
public struct ContainerAttachOptions: Hashable, Sendable {
    /// `stream`: stream output from now on (default `true`). With `false` only `logs` are sent.
    public var stream: Bool
    /// `logs`: first replay the container's output so far (default `false`).
    public var logs: Bool
    /// `stdin`: connect the writes of ``AttachedStreams`` to the container's stdin (default
    /// `false`; the container needs `OpenStdin`).
    public var stdin: Bool
    /// `stdout`: receive stdout (default `true`).
    public var stdout: Bool
    /// `stderr`: receive stderr (default `true`).
    public var stderr: Bool
    /// `detachKeys`: the key sequence that, written to stdin, detaches (ends the attach but
    /// not the container), e.g. `ctrl-p,ctrl-q`; `nil` for the daemon's default.
    public var detachKeys: String?

    public init(
        stream: Bool = true,
        logs: Bool = false,
        stdin: Bool = false,
        stdout: Bool = true,
        stderr: Bool = true,
        detachKeys: String? = nil
    ) {
        self.stream = stream
        self.logs = logs
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.detachKeys = detachKeys
    }

    var query: QueryItems {
        var query = QueryItems()
        query.add("stream", self.stream)
        query.add("logs", self.logs)
        query.add("stdin", self.stdin)
        query.add("stdout", self.stdout)
        query.add("stderr", self.stderr)
        query.add("detachKeys", self.detachKeys)
        return query
    }
}

extension DockerClient.Containers {
    /// `POST /containers/{id}/attach` over a hijacked connection (`Upgrade: tcp`): the
    /// container's stdio as ``AttachedStreams``, which the caller must close. Prefer
    /// ``DockerClient/Containers/withAttach(_:options:startingContainer:_:)``, which closes them.
    ///
    /// The framing of the output comes from the response's `Content-Type` on API ≥ 1.42 and
    /// from the container's `Tty` (read by an inspect) on older daemons. Bytes that arrive
    /// with the daemon's `101` answer are kept. The daemon attaches before it answers, so output
    /// of a container started after this returns is never lost.
    public func attach(_ id: String, options: ContainerAttachOptions = .init()) async throws -> AttachedStreams {
        let path = try ObjectPath.container(id, "/attach")
        let connection = try await self.client.hijack(DockerRequest(.POST, path, query: options.query))
        return try await self.client.attachedStreams(connection, tty: { try await self.inspect(id).config?.tty ?? false }) {
            height, width in
            try await self.resize(id, height: height, width: width)
        }
    }

    /// Attaches to the container, runs `body` with its stdio, and closes the connection when
    /// `body` returns, throws or is cancelled: nothing outlives the call.
    ///
    /// With `startingContainer`, the container is started once the attach is established, so
    /// that `body` sees its output from the first byte: the `docker run` pattern as one call.
    /// A start that fails closes the connection and throws.
    public func withAttach<Result>(
        _ id: String,
        options: ContainerAttachOptions = .init(),
        startingContainer: Bool = false,
        _ body: (AttachedStreams) async throws -> Result
    ) async throws -> Result {
        let streams = try await self.attach(id, options: options)
        return try await self.client.withClosing(streams) { streams in
            if startingContainer { try await self.start(id) }
            return try await body(streams)
        }
    }
}
