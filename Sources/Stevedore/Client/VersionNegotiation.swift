import NIOConcurrencyHelpers

/// Lazy, single-flight API version negotiation: the first request pings the daemon; requests
/// made meanwhile wait for that one ping; a failed ping is forgotten so the next request tries
/// again (the daemon may have been starting).
final class VersionNegotiation: Sendable {
    private enum State {
        case pinned(APIVersion)
        case unresolved
        case resolving(Task<APIVersion, any Error>)
        case resolved(APIVersion)
    }

    private let state: NIOLockedValueBox<State>

    init(pinned: APIVersion?) {
        self.state = NIOLockedValueBox(pinned.map { .pinned($0) } ?? .unresolved)
    }

    /// The version to use; runs `negotiate` at most once at a time until it succeeds. Once the
    /// version is known (pinned or negotiated) this is one lock and no task: it runs before
    /// every request.
    func version(negotiate: @escaping @Sendable () async throws -> APIVersion) async throws -> APIVersion {
        enum Next {
            case known(APIVersion)
            case wait(Task<APIVersion, any Error>)
        }
        let next: Next = self.state.withLockedValue { state in
            switch state {
            case .pinned(let version), .resolved(let version):
                return .known(version)
            case .resolving(let task):
                return .wait(task)
            case .unresolved:
                let task = Task { try await negotiate() }
                state = .resolving(task)
                return .wait(task)
            }
        }
        switch next {
        case .known(let version):
            return version
        case .wait(let task):
            do {
                let version = try await task.value
                self.state.withLockedValue { state in
                    if case .resolving = state { state = .resolved(version) }
                }
                return version
            } catch {
                self.state.withLockedValue { state in
                    if case .resolving = state { state = .unresolved }
                }
                throw error
            }
        }
    }

    /// The version `daemon` leads to: the lower of the client's maximum and the daemon's, or an
    /// error when the daemon is older than the client's minimum. A daemon that sends no version
    /// is taken to be at the minimum, as the Go client does.
    static func negotiatedVersion(daemon: APIVersion?) throws -> APIVersion {
        guard let daemon else { return .clientMinimum }
        guard daemon >= .clientMinimum else {
            throw DockerError(
                category: .versionMismatch,
                message: "the daemon's API version \(daemon) is older than the oldest this client speaks, \(APIVersion.clientMinimum)",
                hint: "upgrade the Docker daemon to 1.12 or newer"
            )
        }
        return min(daemon, .clientMaximum)
    }
}
