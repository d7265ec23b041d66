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
    /// fraction, as ``EventsOptions/timestamp(_:)`` makes from a `Date` (or ``EventTime/parse(_:now:)``
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
        let path = try ObjectPath.container(id, "/logs")
        var query = QueryItems()
        query.add("follow", options.follow)
        query.add("stdout", options.stdout)
        query.add("stderr", options.stderr)
        query.add("since", options.since)
        if let until = options.until {
            try await self.client.requireAPIVersion(APIVersion(1, 35), for: "the until option of logs")
            query.add("until", until)
        }
        query.add("timestamps", options.timestamps)
        switch options.tail {
        case .all:
            query.add("tail", "all")
        case .lines(let count):
            guard count >= 0 else { throw DockerError.invalidInput("the tail of logs must be a count ≥ 0 (or all), not \(count)") }
            query.add("tail", count)
        }
        query.add("details", options.details ? true : nil)
        let stream = try await self.client.byteStream(DockerRequest(.GET, path, query: query))
        // An inspect that throws drops the unread body, which closes its connection.
        let framing = try await StreamFraming.of(
            contentType: stream.headers.first(name: "Content-Type"), apiVersion: try await self.client.apiVersion(),
            tty: { try await self.inspect(id).config?.tty ?? false })
        return ContainerOutput(stream.stream, framing: framing, host: self.client.configuration.host)
    }

    /// The logs as lines per stream (see ``ContainerOutput/lines(parsingTimestamps:maxLineBytes:)``),
    /// each with its parsed time when `options.timestamps` is set.
    public func logLines(_ id: String, options: ContainerLogsOptions = .init()) async throws -> OutputLines {
        try await self.logs(id, options: options).lines(parsingTimestamps: options.timestamps)
    }
}
