import StevedoreTransport

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What a container wait waits for: `condition` of `POST /containers/{id}/wait` (API ≥ 1.30).
public struct ContainerWaitCondition: RawRepresentable, Hashable, Sendable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The container is not running (returns at once for a stopped one): the daemon's default.
    public static let notRunning = ContainerWaitCondition(rawValue: "not-running")
    /// The next exit, even of a container that is not running yet.
    public static let nextExit = ContainerWaitCondition(rawValue: "next-exit")
    /// The container is removed.
    public static let removed = ContainerWaitCondition(rawValue: "removed")
}

/// A wait the daemon has registered, whose answer comes when the condition holds: see
/// ``DockerClient/Containers/registerWait(_:condition:)``. Call ``result()`` once; dropping the
/// value without calling it closes the connection and cancels the wait.
public struct PendingContainerWait: Sendable {
    let body: HTTPResponseBody
    let host: DockerHost

    /// Blocks until the condition holds; returns the exit code and the daemon's wait error, if
    /// any. A connection that breaks first throws ``DockerError/Category/connection``.
    public func result() async throws -> ContainerWaitResponse {
        do {
            let body = try await self.body.collect(upTo: 1 << 20)
            return try decodeJSON(ContainerWaitResponse.self, from: Data(readableBytesOf: body))
        } catch {
            throw DockerError.wrapping(error, host: self.host)
        }
    }
}

extension DockerClient.Containers {
    /// `POST /containers/{id}/wait`: blocks until the condition holds and returns the exit code
    /// (and the daemon's wait error, if any). No deadline applies: a container may run for days.
    ///
    /// `condition`: what to wait for; default (`nil`): the daemon's, ``ContainerWaitCondition/notRunning``.
    /// A condition needs API 1.30: below, it throws ``DockerError/Category/unsupportedByAPIVersion``
    /// before any request.
    public func wait(_ id: String, condition: ContainerWaitCondition? = nil) async throws -> ContainerWaitResponse {
        try await self.registerWait(id, condition: condition).result()
    }

    /// `POST /containers/{id}/wait`, in two steps: returns once the daemon has registered the
    /// wait (it sends the response head then, API ≥ 1.30), so that an exit that happens
    /// afterwards cannot be missed: register ``ContainerWaitCondition/nextExit`` before
    /// starting a container, then read ``PendingContainerWait/result()``.
    public func registerWait(_ id: String, condition: ContainerWaitCondition? = nil) async throws -> PendingContainerWait {
        var query = QueryItems()
        if let condition {
            try await self.client.requireAPIVersion(APIVersion(1, 30), for: "the condition option of container wait")
            query.add("condition", condition.rawValue)
        }
        var request = DockerRequest(.POST, try ObjectPath.container(id, "/wait"), query: query)
        request.isStream = true
        let response = try await self.client.send(request)
        return PendingContainerWait(body: response.body, host: self.client.configuration.host)
    }
}
