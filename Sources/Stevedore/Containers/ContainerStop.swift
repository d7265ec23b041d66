/// Options of ``DockerClient/Containers/stop(_:options:)`` and
/// ``DockerClient/Containers/restart(_:options:)`` (`POST /containers/{id}/stop|restart`).
public struct ContainerStopOptions: Hashable, Sendable {
    /// `signal`: the signal that asks the process to stop (API ≥ 1.42). Default (`nil`): the
    /// container's `StopSignal`, else `SIGTERM`.
    public var signal: ContainerSignal?
    /// `t`: how long to wait after the signal before `SIGKILL`. Default (`nil`): the
    /// container's `StopTimeout`, else 10 seconds.
    public var timeout: Timeout?

    public init(signal: ContainerSignal? = nil, timeout: Timeout? = nil) {
        self.signal = signal
        self.timeout = timeout
    }

    /// The grace period before the daemon kills the container.
    public enum Timeout: Hashable, Sendable {
        /// Kill after this many seconds (`0` kills at once); must not be negative.
        case seconds(Int)
        /// Never kill; wait for the process to exit (sent as `t=-1`).
        case waitForever
    }

    /// The query both endpoints take; checks the timeout and the API version of `signal`.
    func query(for client: DockerClient, operation: String) async throws -> QueryItems {
        var query = QueryItems()
        switch self.timeout {
        case .seconds(let seconds):
            guard seconds >= 0 else {
                throw DockerError.invalidInput(
                    "invalid \(operation) timeout \(seconds): seconds must not be negative (use .waitForever to wait without limit)")
            }
            query.add("t", seconds)
        case .waitForever:
            query.add("t", -1)
        case nil:
            break
        }
        if let signal = self.signal {
            try await client.requireAPIVersion(APIVersion(1, 42), for: "the signal option of container \(operation)")
            query.add("signal", signal.rawValue)
        }
        return query
    }
}

extension DockerClient.Containers {
    /// `POST /containers/{id}/stop`: sends the stop signal, waits up to the timeout, then kills.
    /// Stopping a stopped container succeeds (the daemon answers 304).
    public func stop(_ id: String, options: ContainerStopOptions = .init()) async throws {
        let path = try ObjectPath.container(id, "/stop")
        let query = try await options.query(for: self.client, operation: "stop")
        try await self.client.discardingBody(Self.stopRequest(path, query))
    }

    /// A stop or restart request: no deadline, since the daemon answers only once the
    /// container has stopped, which may take the whole grace period or, with
    /// ``ContainerStopOptions/Timeout/waitForever``, as long as the process runs.
    static func stopRequest(_ path: String, _ query: QueryItems) -> DockerRequest {
        var request = DockerRequest(.POST, path, query: query)
        request.isStream = true
        return request
    }
}
