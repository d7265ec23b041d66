/// Options of ``DockerClient/Services/logs(_:options:)`` and ``DockerClient/Tasks/logs(_:options:)``
/// (`GET /services/{id}/logs`, `GET /tasks/{id}/logs`): container logs' options but `until`,
/// which these endpoints lack.
public struct SwarmLogsOptions: Hashable, Sendable {
    /// `follow`: after the existing logs, keep sending new output (default `false`).
    public var follow: Bool
    /// `stdout` (default `true`).
    public var stdout: Bool
    /// `stderr` (default `true`).
    public var stderr: Bool
    /// `since`: only output logged at or after this time (Unix seconds with an optional
    /// fraction, as ``EventsOptions/timestamp(_:)`` makes from a `Date`).
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
