extension DockerClient.Services {
    /// `GET /services/{id}/logs`: the output of every task of the service, gathered by the
    /// swarm from the nodes that ran them, as typed chunks. Set ``SwarmLogsOptions/details``
    /// to learn which task wrote each line. The framing follows the response's `Content-Type`
    /// on API ≥ 1.42, and the service's `TTY` (an inspect) on older daemons.
    ///
    /// Without `follow` the stream ends after the existing logs. Leaving the loop or
    /// cancelling the task closes the connection.
    public func logs(_ id: String, options: SwarmLogsOptions = .init()) async throws -> ContainerOutput {
        try await self.client.requireAPIVersion(APIVersion(1, 29), for: "service logs")
        let request = DockerRequest(.GET, try ObjectPath.service(id, "/logs"), query: try options.queryItems)
        return try await self.client.logStream(request) {
            try await self.inspect(id).spec?.taskTemplate?.containerSpec?.tty ?? false
        }
    }
}
