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
/// Whether forwarded or not, SIGINT and SIGTERM do not end the attached stream of `run` and
/// `attach` (`start` ends it on the first, as docker's): the third of them ends this process
/// at once (exit code 1, the terminal's mode restored), as docker's CLI does, so that a
/// container that ignores them cannot keep the command running for ever. They are caught from
/// the container's start to the end of its output (not during the start request, nor in the
/// wait for the exit code that follows).
enum SignalProxy {
    /// The signals docker's CLI forwards that a user typically sends.
    static let forwarded: [(Int32, ContainerSignal)] = [
        (SIGINT, .interrupt), (SIGTERM, .terminate), (SIGHUP, .hangup), (SIGQUIT, .quit), (SIGUSR1, .user1), (SIGUSR2, .user2),
    ]

    /// The SIGINT or SIGTERM that ends the process during a session.
    static let forcedExitCount = 3

    /// Runs `body` with the signals of ``forwarded`` sent to `container` (with SIGINT and
    /// SIGTERM only counted when it is `nil`), and `onTermination` called on each SIGINT or
    /// SIGTERM once it was sent; the handling they had before is restored afterwards.
    static func forwarding<Result>(
        to container: String?, client: DockerClient, onTermination: @escaping @Sendable () -> Void = {},
        _ body: () async throws -> Result
    ) async throws -> Result {
        let terminations = Atomic(0)
        let caught = container == nil ? [SIGINT, SIGTERM] : Self.forwarded.map(\.0)
        return try await CaughtSignals.catching(caught) { number in
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
            guard terminations.add(1, ordering: .relaxed).newValue == Self.forcedExitCount else { return }
            // Written as it can be: a stderr that is gone must not stop the exit.
            var message = "\ngot \(Self.forcedExitCount) SIGTERM/SIGINTs, forcefully exiting\n"
            message.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
            Terminal.exitRestoringMode(1)
        } _: {
            try await body()
        }
    }
}

extension InteractiveSession {
    /// Runs the session; when `container` is given a container and the session has no TTY (or
    /// `evenWithATTY`, as `run`'s), the signals this process receives meanwhile go to that
    /// container (`--sig-proxy`). With `endingOnTermination` (`start`'s), the first SIGINT or
    /// SIGTERM closes the stream and the session is ``Outcome/interrupted``. See
    /// ``SignalProxy``.
    func run(
        forwardingSignalsTo container: String?, evenWithATTY: Bool = false, endingOnTermination: Bool = false, client: DockerClient
    ) async throws -> Outcome {
        let proxied = evenWithATTY || !self.streams.tty ? container : nil
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
