extension QueryItems {
    /// The query of the logs endpoints (containers, services, tasks), `until` aside: only
    /// containers take it.
    static func logs(
        follow: Bool, stdout: Bool, stderr: Bool, since: String?, timestamps: Bool, tail: ContainerLogsOptions.Tail, details: Bool
    ) throws -> QueryItems {
        var query = QueryItems()
        query.add("follow", follow)
        query.add("stdout", stdout)
        query.add("stderr", stderr)
        query.add("since", since)
        query.add("timestamps", timestamps)
        switch tail {
        case .all:
            query.add("tail", "all")
        case .lines(let count):
            guard count >= 0 else { throw DockerError.invalidInput("the tail of logs must be a count ≥ 0 (or all), not \(count)") }
            query.add("tail", count)
        }
        query.add("details", details ? true : nil)
        return query
    }
}

extension DockerClient {
    /// Sends a logs request and frames its output: by the response's `Content-Type` on API ≥
    /// 1.42, else by whether the object has a TTY (`tty`, an inspect, asked only then).
    func logStream(_ request: DockerRequest, tty: () async throws -> Bool) async throws -> ContainerOutput {
        let stream = try await self.byteStream(request)
        // An inspect that throws drops the unread body, which closes its connection.
        let framing = try await StreamFraming.of(
            contentType: stream.headers.first(name: "Content-Type"), apiVersion: try await self.apiVersion(), tty: tty)
        // A DockerByteStream maps its transport errors itself.
        return ContainerOutput(stream.stream, framing: framing)
    }
}
