/// Options of ``DockerClient/attachContainer(_:options:)`` (`POST /containers/{id}/attach`).
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

extension DockerClient {
    /// `POST /containers/{id}/attach` over a hijacked connection (`Upgrade: tcp`): the
    /// container's stdio as ``AttachedStreams``, which the caller must close. Prefer
    /// ``withAttachedContainer(_:options:startingContainer:_:)``, which closes them.
    ///
    /// The framing of the output comes from the response's `Content-Type` on API ≥ 1.42 and
    /// from the container's `Tty` (read by an inspect first) on older daemons. Bytes that arrive
    /// with the daemon's `101` answer are kept. The daemon attaches before it answers, so output
    /// of a container started after this returns is never lost.
    public func attachContainer(_ id: String, options: ContainerAttachOptions = .init()) async throws -> AttachedStreams {
        let path = try ContainerReference.path(id, "/attach")
        let tty = try await self.inspectContainer(id).config?.tty ?? false
        let connection = try await self.hijack(DockerRequest(.POST, path, query: options.query))
        return try await self.attachedStreams(connection, tty: tty) { height, width in
            try await self.resizeContainerTTY(id, height: height, width: width)
        }
    }

    /// Attaches to the container, runs `body` with its stdio, and closes the connection when
    /// `body` returns, throws or is cancelled: nothing outlives the call.
    ///
    /// With `startingContainer`, the container is started once the attach is established, so
    /// that `body` sees its output from the first byte: the `docker run` pattern as one call.
    /// A start that fails closes the connection and throws.
    public func withAttachedContainer<Result>(
        _ id: String,
        options: ContainerAttachOptions = .init(),
        startingContainer: Bool = false,
        _ body: (AttachedStreams) async throws -> Result
    ) async throws -> Result {
        let streams = try await self.attachContainer(id, options: options)
        return try await self.withClosing(streams) { streams in
            if startingContainer { try await self.startContainer(id) }
            return try await body(streams)
        }
    }
}
