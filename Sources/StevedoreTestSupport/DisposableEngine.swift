import Foundation
import Stevedore

/// A dockerd of a test's own, for tests that kill or restart the daemon under a client (the
/// shared test engine serves every other test at once): the engine of the current pass of
/// scripts/test (`STEVEDORE_ENGINE`: 20.10, or 28 from the unpacked root the pass's engine
/// uses) started by `scripts/engine` in a temporary directory, with the test image, and
/// stopped (every process it started included) and removed afterwards.
public struct DisposableEngine: Sendable {
    /// The engine's directory (socket, data, exec-root).
    public let directory: URL

    /// Its API socket.
    public var host: DockerHost {
        get throws { try DockerHost(parsing: "unix://" + self.directory.appendingPathComponent("docker.sock").path) }
    }

    /// Starts an engine, runs `body` with it, then stops and removes it, however `body` ended.
    public static func with<Result>(_ body: (DisposableEngine) async throws -> Result) async throws -> Result {
        // Short: its sockets must stay under the 108 bytes of a unix socket path.
        let directory = URL(fileURLWithPath: "/tmp/stv-fault-\(UUID().uuidString.prefix(8))")
        let engine = DisposableEngine(directory: directory)
        return try await withStopping(
            engine,
            { engine in
                try await engine.start()
                return try await body(engine)
            }
        ) { engine in
            _ = try? await engine.script("stop")
            try? FileManager.default.removeItem(at: engine.directory)
        }
    }

    /// Starts the daemon.
    public func start() async throws {
        _ = try await self.script("start")
    }

    /// Stops the daemon as an operator would (SIGTERM, containers stopped) and starts it again.
    public func restart() async throws {
        _ = try await self.script("stop")
        _ = try await self.script("start")
    }

    /// Kills dockerd with SIGKILL, as a crash would; its containers keep running.
    public func kill() async throws {
        let pid = try String(contentsOf: self.directory.appendingPathComponent("docker.pid"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try await LocalServerProcess.runTool("/bin/kill", ["-KILL", pid])
    }

    /// `scripts/engine --engine ENGINE VERB DIR`; engine 28 reuses the shared engine's unpacked
    /// root (`STEVEDORE_ENGINE_ROOT`, else the checkout's `.engine-28/root`) instead of fetching.
    private func script(_ verb: String) async throws -> String {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let script = repository.appendingPathComponent("scripts/engine").path
        let environment = ProcessInfo.processInfo.environment
        let engine = environment["STEVEDORE_ENGINE"] ?? "20.10"
        var changes: [String: String?] = [:]
        if engine == "28" {
            changes["STEVEDORE_ENGINE_ROOT"] =
                environment["STEVEDORE_ENGINE_ROOT"] ?? repository.appendingPathComponent(".engine-28/root").resolvingSymlinksInPath().path
        }
        let outcome = try await CommandLineProcess(executable: URL(fileURLWithPath: script)).run(
            ["--engine", engine, verb, self.directory.path], environment: changes)
        guard outcome.status == 0 else { throw TestServerError("scripts/engine \(verb) failed: \(outcome)") }
        return outcome.standardOutput
    }
}
