/// Options of ``DockerClient/Services/logs(_:options:)`` and ``DockerClient/Tasks/logs(_:options:)``
/// (`GET /services/{id}/logs`, `GET /tasks/{id}/logs`): container logs' options but `until`,
/// which these endpoints lack.
public struct ServiceLogsOptions: Hashable, Sendable {
    /// `follow`: after the existing logs, keep sending new output (default `false`).
    public var follow: Bool
    /// `stdout` (default `true`).
    public var stdout: Bool
    /// `stderr` (default `true`).
    public var stderr: Bool
    /// `since`: only output logged at or after this time (Unix seconds with an optional
    /// fraction, as ``SystemEventsOptions/timestamp(_:)`` makes from a `Date`).
    public var since: String?
    /// `timestamps`: prefix every line with its RFC 3339 time (default `false`).
    public var timestamps: Bool
    /// `tail`: default ``ContainerLogsOptions/Tail/all``.
    public var tail: ContainerLogsOptions.Tail
    /// `details`: prefix every line with its task's attributes
    /// (`com.docker.swarm.node.id=…,com.docker.swarm.service.id=…,com.docker.swarm.task.id=… `),
    /// which tell which task, on which node, wrote it (default `false`).
    public var details: Bool

    public init(
        follow: Bool = false, stdout: Bool = true, stderr: Bool = true, since: String? = nil, timestamps: Bool = false,
        tail: ContainerLogsOptions.Tail = .all, details: Bool = false
    ) {
        self.follow = follow
        self.stdout = stdout
        self.stderr = stderr
        self.since = since
        self.timestamps = timestamps
        self.tail = tail
        self.details = details
    }

    /// The query, shared with container logs.
    var queryItems: QueryItems {
        get throws {
            try QueryItems.logs(
                follow: self.follow, stdout: self.stdout, stderr: self.stderr, since: self.since, timestamps: self.timestamps,
                tail: self.tail, details: self.details)
        }
    }
}

extension DockerClient.Services {
    /// `GET /services/{id}/logs`: the output of every task of the service, gathered by the
    /// swarm from the nodes that ran them, as typed chunks. Set ``ServiceLogsOptions/details``
    /// to learn which task wrote each line. The framing follows the response's `Content-Type`
    /// on API ≥ 1.42, and the service's `TTY` (an inspect) on older daemons.
    ///
    /// Without `follow` the stream ends after the existing logs. Leaving the loop or
    /// cancelling the task closes the connection.
    public func logs(_ id: String, options: ServiceLogsOptions = .init()) async throws -> ContainerOutput {
        try await self.client.requireAPIVersion(APIVersion(1, 29), for: "service logs")
        let request = DockerRequest(.GET, try ObjectPath.service(id, "/logs"), query: try options.queryItems)
        return try await self.client.logStream(request) {
            try await self.inspect(id).spec?.taskTemplate?.containerSpec?.tty ?? false
        }
    }
}
