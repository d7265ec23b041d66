import Foundation
import Stevedore

/// The Docker engine integration tests run against: the one `DOCKER_HOST` names (the test
/// script starts a private dockerd and sets it), else the local default socket.
///
/// When no engine answers, tests that need one are skipped with a message saying so, unless
/// `STEVEDORE_REQUIRE_ENGINE=1` is set (the README's test command and CI set it): then they run
/// and fail, so an engine that did not start can never pass as a skip.
public enum TestEngine {
    /// The image the engine script imports from Debian's busybox-static.
    public static let image = "stevedore-test/busybox:latest"

    /// Whether a missing engine must fail the tests instead of skipping them.
    public static var isRequired: Bool {
        ProcessInfo.processInfo.environment["STEVEDORE_REQUIRE_ENGINE"] == "1"
    }

    /// A client for the test engine, configured from the environment.
    public static func makeClient() throws -> DockerClient {
        try DockerClient.fromEnvironment()
    }

    /// Whether the tests that need an engine should run: it answers a ping, or it is required.
    public static func shouldRun() async -> Bool {
        if Self.isRequired { return true }
        if await Self.isReachable() { return true }
        let host = ProcessInfo.processInfo.environment["DOCKER_HOST"] ?? DockerHost.local.description
        let warning =
            "warning: no Docker engine answers at \(host); integration tests are skipped (run scripts/test, or set "
            + "STEVEDORE_REQUIRE_ENGINE=1 to fail instead)\n"
        FileHandle.standardError.write(Data(warning.utf8))
        return false
    }

    /// Whether the engine answers `/_ping`.
    public static func isReachable() async -> Bool {
        guard let client = try? Self.makeClient() else { return false }
        defer { client.shutdown() }
        return (try? await client.system.ping()) != nil
    }

    /// Whether the engine can push a plugin to the plain-HTTP test registry. dockerd 20.10's
    /// vendored containerd pusher races when it falls back from HTTPS to HTTP: the push fails,
    /// or the whole daemon panics ("send on closed channel"), taking every other test with it.
    /// Plugin pushes (and the installs from what they pushed) are tested on Docker 28.5.
    public static func pushesPluginsReliably() async -> Bool {
        guard let client = try? Self.makeClient() else { return false }
        defer { client.shutdown() }
        guard let version = try? await client.system.version().version else { return false }
        return !version.hasPrefix("20.")
    }

    /// Runs `body` with a client for the test engine, shutting it down afterwards.
    @discardableResult
    public static func withClient<Result>(_ body: (DockerClient) async throws -> Result) async throws -> Result {
        let client = try Self.makeClient()
        defer { client.shutdown() }
        return try await body(client)
    }
}

extension TestEngine {
    /// The daemon runs one `/system/df` at a time and refuses a second one meanwhile ("a disk
    /// usage operation is already running"); tests that cause one take turns through this.
    public static func withDiskUsageTurn<Result: Sendable>(_ body: @escaping @Sendable () async throws -> Result) async throws -> Result {
        try await Turns.diskUsage.run(body)
    }

    /// The daemon runs one prune at a time per kind, and containers and networks share one
    /// ("a prune operation is already running"); tests that prune take turns through this.
    public static func withPruneTurn<Result: Sendable>(_ body: @escaping @Sendable () async throws -> Result) async throws -> Result {
        try await Turns.prune.run(body)
    }
}

/// Runs closures one at a time, in the order they arrive.
private actor Turns {
    static let diskUsage = Turns()
    static let prune = Turns()
    private var tail: Task<Void, Never>?

    func run<Result: Sendable>(_ body: @escaping @Sendable () async throws -> Result) async throws -> Result {
        let previous = self.tail
        let turn = Task<Result, any Error> {
            await previous?.value
            return try await body()
        }
        self.tail = Task { _ = await turn.result }
        return try await turn.value
    }
}

extension TestEngine {
    /// The test engine's TLS endpoint (`scripts/engine` makes one with client verification):
    /// the host and the directory holding `ca.pem`, `cert.pem` and `key.pem`.
    public static var tlsEndpoint: (host: String, certificateDirectory: String)? {
        let environment = ProcessInfo.processInfo.environment
        guard let host = environment["STEVEDORE_TLS_HOST"], let directory = environment["STEVEDORE_TLS_CERT_PATH"] else {
            return nil
        }
        return (host, directory)
    }

    /// Whether the TLS tests should run: the endpoint is known, or the engine is required (the
    /// private engine always has one, so its absence must fail rather than skip).
    public static func shouldRunTLS() -> Bool {
        if Self.tlsEndpoint != nil || Self.isRequired { return true }
        FileHandle.standardError.write(
            Data("warning: STEVEDORE_TLS_HOST is not set; TLS tests are skipped (scripts/test sets it for its private engine)\n".utf8)
        )
        return false
    }
}
