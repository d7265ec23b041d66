/// Options of ``DockerClient/Exec/start(_:options:)`` and ``DockerClient/Exec/attach(_:options:)``
/// (`POST /exec/{id}/start`).
public struct ExecStartOptions: Hashable, Sendable {
    /// `Tty`: whether to run with a TTY, which also decides the framing of the output. `nil`
    /// (the default) takes the exec's own `Tty` from an inspect, which is what callers almost
    /// always want.
    public var tty: Bool?
    /// `ConsoleSize` `[height, width]` of the TTY (API ≥ 1.42; dropped on older daemons).
    public var consoleSize: [Int]?

    public init(tty: Bool? = nil, consoleSize: [Int]? = nil) {
        self.tty = tty
        self.consoleSize = consoleSize
    }
}

extension DockerClient.Exec {
    /// `POST /exec/{id}/start` with `Detach`: starts the process and returns at once; read its
    /// exit code later with ``DockerClient/Exec/inspect(_:)``.
    public func start(_ id: String, options: ExecStartOptions = .init()) async throws {
        let body = try await self.execStartConfig(id, options: options, detach: true)
        try await self.client.discardingBody(DockerRequest(.POST, try ObjectPath.exec(id, "/start"), body: try self.client.jsonBody(body)))
    }

    /// `POST /exec/{id}/start` over a hijacked connection: starts the process and returns its
    /// stdio as ``AttachedStreams`` (the same duplex as attach), which the caller must close.
    /// Prefer ``DockerClient/Exec/withAttach(_:options:_:)``.
    ///
    /// The framing follows the start request's `Tty` (the daemon's rule), told by the
    /// `Content-Type` on API ≥ 1.42. After the output ends, the exit code is in
    /// ``DockerClient/Exec/inspect(_:)``, or use ``DockerClient/Exec/waitForExit(_:timeout:)``.
    public func attach(_ id: String, options: ExecStartOptions = .init()) async throws -> AttachedStreams {
        let body = try await self.execStartConfig(id, options: options, detach: false)
        let tty = body.tty ?? false
        let connection = try await self.client.hijack(
            DockerRequest(.POST, try ObjectPath.exec(id, "/start"), body: try self.client.jsonBody(body)))
        return try await self.client.attachedStreams(connection, tty: { tty }) { height, width in
            try await self.resize(id, height: height, width: width)
        }
    }

    /// Starts the exec attached, runs `body` with its stdio, and closes the connection when
    /// `body` returns, throws or is cancelled.
    public func withAttach<Result>(
        _ id: String,
        options: ExecStartOptions = .init(),
        _ body: (AttachedStreams) async throws -> Result
    ) async throws -> Result {
        try await self.client.withClosing(try await self.attach(id, options: options), body)
    }

    private func execStartConfig(_ id: String, options: ExecStartOptions, detach: Bool) async throws -> ExecStartConfig {
        var tty = options.tty
        if tty == nil {
            tty = try await self.inspect(id).processConfig?.tty ?? false
        }
        let consoleSize = try await self.client.apiVersion() >= APIVersion(1, 42) ? options.consoleSize : nil
        return ExecStartConfig(detach: detach, tty: tty, consoleSize: consoleSize)
    }
}
