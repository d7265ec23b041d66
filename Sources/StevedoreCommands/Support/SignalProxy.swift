import Stevedore

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
enum SignalProxy {
    /// The signals docker's CLI forwards that a user typically sends.
    static let forwarded: [(Int32, ContainerSignal)] = [
        (SIGINT, .interrupt), (SIGTERM, .terminate), (SIGHUP, .hangup), (SIGQUIT, .quit), (SIGUSR1, .user1), (SIGUSR2, .user2),
    ]

    /// Runs `body` with the signals of ``forwarded`` sent to `container`; the handling they had
    /// before is restored afterwards.
    static func forwarding<Result>(to container: String, client: DockerClient, _ body: () async throws -> Result) async throws -> Result {
        try await CaughtSignals.catching(Self.forwarded.map(\.0)) { number in
            guard let name = Self.forwarded.first(where: { $0.0 == number })?.1 else { return }
            Task { try? await client.containers.kill(container, signal: name) }
        } _: {
            try await body()
        }
    }
}

extension InteractiveSession {
    /// Runs the session; when `container` is given a container and the session has no TTY (or
    /// `evenWithATTY`, as `run`'s), the signals this process receives meanwhile go to that
    /// container (`--sig-proxy`).
    func run(forwardingSignalsTo container: String?, evenWithATTY: Bool = false, client: DockerClient) async throws -> Outcome {
        guard let container, evenWithATTY || !self.streams.tty else { return try await self.run() }
        return try await SignalProxy.forwarding(to: container, client: client) { try await self.run() }
    }
}
