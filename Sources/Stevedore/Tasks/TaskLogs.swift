/// Options of ``DockerClient/Tasks/logs(_:options:)``: the same as a service's.
public typealias TaskLogsOptions = ServiceLogsOptions

extension DockerClient.Tasks {
    /// `GET /tasks/{id}/logs`: the output of one task, fetched by the swarm from the node that
    /// ran it, as typed chunks. The framing follows the response's `Content-Type` on API ≥
    /// 1.42, and the task's `TTY` (an inspect) on older daemons. Leaving the loop or
    /// cancelling the task closes the connection.
    public func logs(_ id: String, options: TaskLogsOptions = .init()) async throws -> ContainerOutput {
        try await self.client.requireAPIVersion(APIVersion(1, 29), for: "task logs")
        let request = DockerRequest(.GET, try ObjectPath.task(id, "/logs"), query: try options.queryItems)
        return try await self.client.logStream(request) {
            try await self.inspect(id).spec?.containerSpec?.tty ?? false
        }
    }
}
