/// Options of ``DockerClient/Containers/logs(_:options:)`` (`GET /containers/{id}/logs`).
public struct ContainerLogsOptions: Hashable, Sendable {
    /// How many lines from the end of the logs to send first.
    public enum Tail: Hashable, Sendable {
        /// Every line (`tail=all`).
        case all
        /// The last `n` lines (`tail=n`).
        case lines(Int)
    }

    /// `follow`: after the existing logs, keep sending new output until the container stops
    /// (default `false`).
    public var follow: Bool
    /// `stdout` (default `true`).
    public var stdout: Bool
    /// `stderr` (default `true`).
    public var stderr: Bool
    /// `since`: only output logged at or after this time: Unix seconds with an optional
    /// fraction, as ``SystemEventsOptions/timestamp(_:)`` makes from a `Date` (or ``EventTime/parse(_:now:)``
    /// from docker's forms).
    public var since: String?
    /// `until`: only output logged before this time, same forms (API ≥ 1.35).
    public var until: String?
    /// `timestamps`: prefix every line with its RFC 3339 time (default `false`);
    /// ``DockerClient/Containers/logLines(_:options:)`` parses them.
    public var timestamps: Bool
    /// `tail`: default ``Tail/all``.
    public var tail: Tail
    /// `details`: add the extra attributes the log driver was given (default `false`).
    public var details: Bool

    public init(
        follow: Bool = false,
        stdout: Bool = true,
        stderr: Bool = true,
        since: String? = nil,
        until: String? = nil,
        timestamps: Bool = false,
        tail: Tail = .all,
        details: Bool = false
    ) {
        self.follow = follow
        self.stdout = stdout
        self.stderr = stderr
        self.since = since
        self.until = until
        self.timestamps = timestamps
        self.tail = tail
        self.details = details
    }
}

extension DockerClient.Containers {
    /// `GET /containers/{id}/logs`: the container's output as typed chunks, byte for byte as
    /// the log driver kept it. The framing (multiplexed or raw) follows the response's
    /// `Content-Type` on API ≥ 1.42, and the container's `Tty` (an inspect) on older daemons.
    ///
    /// Without `follow` the stream ends after the existing logs; with it, when the container
    /// stops. Leaving the loop or cancelling the task closes the connection. A container whose
    /// log driver cannot be read (`none`, `syslog`…) is refused by the daemon.
    public func logs(_ id: String, options: ContainerLogsOptions = .init()) async throws -> ContainerOutput {
        var query = try QueryItems.logs(
            follow: options.follow, stdout: options.stdout, stderr: options.stderr, since: options.since,
            timestamps: options.timestamps, tail: options.tail, details: options.details)
        if let until = options.until {
            try await self.client.requireAPIVersion(APIVersion(1, 35), for: "the until option of logs")
            query.add("until", until)
        }
        let request = DockerRequest(.GET, try ObjectPath.container(id, "/logs"), query: query)
        return try await self.client.logStream(request) { try await self.inspect(id).config?.tty ?? false }
    }

    /// The logs as lines per stream (see ``ContainerOutput/lines(parsingTimestamps:maxLineBytes:)``),
    /// each with its parsed time when `options.timestamps` is set.
    public func logLines(_ id: String, options: ContainerLogsOptions = .init()) async throws -> OutputLines {
        try await self.logs(id, options: options).lines(parsingTimestamps: options.timestamps)
    }
}
