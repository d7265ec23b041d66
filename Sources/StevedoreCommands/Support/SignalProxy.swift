import Stevedore
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--sig-proxy`: while an attached command runs, the signals this process receives are sent
/// to the container (`POST /containers/{id}/kill?signal=…`) instead of ending the command, as
/// docker does: `run` whatever the container's TTY (a `timeout` or a CI job's cancellation
/// reaches the container, which then exits and is removed with `--rm`); `attach` and `start`
/// only for a container without one (where the keys reach the container as bytes).
///
/// Whether forwarded or not, SIGINT and SIGTERM do not end `run` and `attach` (`start` ends its
/// stream on the first, as docker's): the third of them ends this process at once (exit code
/// 1, the terminal's mode restored), as docker's CLI does, so that a container that ignores
/// them cannot keep the command running for ever. `run` handles them from the moment its
/// container exists to its end (the start, the session and the wait for the exit code);
/// before that, while the image is pulled and the container created, a signal ends it as it
/// would without the proxy. `attach` and `start` handle them during the session.
///
/// docker's CLI catches every signal while it proxies them to a container, SIGPIPE too (which
/// it does not forward), so a reader of its output that went away (`run … | head`) fails the
/// write and the command (`write /dev/stdout: broken pipe`, exit code 1) instead of ending the
/// process with SIGPIPE: ``isForwarding`` tells ``writeAll(_:to:path:)`` so.
enum SignalProxy {
    /// The sessions forwarding signals to a container now.
    private static let forwardingSessions = Atomic(0)

    /// Whether signals go to a container now (`--sig-proxy`, the container known).
    static var isForwarding: Bool { Self.forwardingSessions.load(ordering: .relaxed) > 0 }

    /// The signals docker's CLI forwards that a user typically sends.
    static let forwarded: [(Int32, ContainerSignal)] = [
        (SIGINT, .interrupt), (SIGTERM, .terminate), (SIGHUP, .hangup), (SIGQUIT, .quit), (SIGUSR1, .user1), (SIGUSR2, .user2),
    ]

    /// Where the caught signals go.
    private enum Target {
        /// The container does not exist yet: a signal does what it would without the proxy.
        case awaitingContainer
        /// The signals go to the container; SIGINT and SIGTERM are only counted when it is `nil`.
        case container(String?)

        /// Whether signals go to a container (counted in ``SignalProxy/isForwarding``).
        var forwards: Bool {
            if case .container(_?) = self { return true }
            return false
        }
    }

    /// Runs `body` with the signals of ``forwarded`` sent to `container` (with SIGINT and
    /// SIGTERM only counted when it is `nil`), and `onTermination` called on each SIGINT or
    /// SIGTERM once it was sent; the handling they had before is restored afterwards.
    static func forwarding<Result>(
        to container: String?, client: DockerClient, onTermination: @escaping @Sendable () -> Void = {},
        _ body: () async throws -> Result
    ) async throws -> Result {
        try await Self.catching(from: .container(container), proxying: container != nil, client: client, onTermination: onTermination) {
            _ in
            try await body()
        }
    }

    /// Runs `body`, which creates a container and calls `created` with its id once it exists,
    /// with the signals of ``forwarded`` sent to that container when `proxying` (SIGINT and
    /// SIGTERM only counted otherwise) from then on, and, until then, doing what they did
    /// before; the handling they had before is restored afterwards.
    static func forwarding<Result>(
        proxying: Bool, client: DockerClient,
        toTheContainerCreatedIn body: (_ created: @escaping @Sendable (_ id: String) -> Void) async throws -> Result
    ) async throws -> Result {
        try await Self.catching(from: .awaitingContainer, proxying: proxying, client: client, onTermination: {}, body)
    }

    private static func catching<Result>(
        from initial: Target, proxying: Bool, client: DockerClient, onTermination: @escaping @Sendable () -> Void,
        _ body: (_ created: @escaping @Sendable (_ id: String) -> Void) async throws -> Result
    ) async throws -> Result {
        let target = Mutex(initial)
        let terminations = Atomic(0)
        let caught = proxying ? Self.forwarded.map(\.0) : [SIGINT, SIGTERM]
        // Counted in `forwardingSessions` while the target forwards, changed with it.
        if initial.forwards { Self.forwardingSessions.add(1, ordering: .relaxed) }
        defer { if target.withLock({ $0.forwards }) { Self.forwardingSessions.subtract(1, ordering: .relaxed) } }
        return try await CaughtSignals.catching(caught) { signal in
            let number = signal.number
            guard case .container(let container) = target.withLock({ $0 }) else {
                signal.redeliver()
                return
            }
            let sent = container.flatMap { container in
                Self.forwarded.first { $0.0 == number }.map { _, name in
                    Task { _ = try? await client.containers.kill(container, signal: name) }
                }
            }
            guard number == SIGINT || number == SIGTERM else { return }
            Task {
                await sent?.value
                onTermination()
            }
            TerminationSignals.count(in: terminations)
        } _: {
            try await body { id in
                target.withLock { current in
                    let next = Target.container(proxying ? id : nil)
                    if next.forwards, !current.forwards { Self.forwardingSessions.add(1, ordering: .relaxed) }
                    current = next
                }
            }
        }
    }
}

extension InteractiveSession {
    /// Runs the session; when `container` is given a container and the session has no TTY,
    /// the signals this process receives meanwhile go to that container (`--sig-proxy`). With
    /// `endingOnTermination` (`start`'s), the first SIGINT or SIGTERM closes the stream and the
    /// session is ``Outcome/interrupted``. See ``SignalProxy``.
    func run(
        forwardingSignalsTo container: String?, endingOnTermination: Bool = false, client: DockerClient
    ) async throws -> Outcome {
        let proxied = self.streams.tty ? nil : container
        let interrupted = Atomic(false)
        let streams = self.streams
        let onTermination: @Sendable () -> Void = {
            guard endingOnTermination, !interrupted.exchange(true, ordering: .relaxed) else { return }
            Task { await streams.close() }
        }
        do {
            let outcome = try await SignalProxy.forwarding(to: proxied, client: client, onTermination: onTermination) {
                try await self.run()
            }
            return interrupted.load(ordering: .relaxed) ? .interrupted : outcome
        } catch  where interrupted.load(ordering: .relaxed) {
            return .interrupted
        }
    }
}
