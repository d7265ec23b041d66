/// Options of ``DockerClient/waitContainer(_:options:)`` (`POST /containers/{id}/wait`).
public struct ContainerWaitOptions: Hashable, Sendable {
    /// `condition`: what to wait for. Default (`nil`): the daemon's default, `not-running`.
    public var condition: Condition?

    public init(condition: Condition? = nil) {
        self.condition = condition
    }

    /// What ``ContainerWaitOptions/condition`` waits for.
    public struct Condition: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The container is not running (returns at once for a stopped one).
        public static let notRunning = Condition(rawValue: "not-running")
        /// The next exit, even of a container that is not running yet.
        public static let nextExit = Condition(rawValue: "next-exit")
        /// The container is removed.
        public static let removed = Condition(rawValue: "removed")
    }
}

extension DockerClient {
    /// `POST /containers/{id}/wait`: blocks until the condition holds and returns the exit code
    /// (and the daemon's wait error, if any). No deadline applies: a container may run for days.
    public func waitContainer(_ id: String, options: ContainerWaitOptions = .init()) async throws -> ContainerWaitResponse {
        var query = QueryItems()
        query.add("condition", options.condition?.rawValue)
        var request = DockerRequest(.POST, try ContainerReference.path(id, "/wait"), query: query)
        request.isStream = true
        return try await self.decode(ContainerWaitResponse.self, from: request)
    }
}
