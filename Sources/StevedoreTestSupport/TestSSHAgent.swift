import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An `ssh-agent` of the test's own on a socket in a temporary directory, holding one new
/// ed25519 key, for the builds that forward an agent.
public struct TestSSHAgent: Sendable {
    /// The agent's socket.
    public let socketPath: String
    /// The file of the key it holds (unencrypted, OpenSSH format).
    public let keyFile: String
    private let processID: pid_t

    /// Runs `body` with a new agent holding a key commented `keyComment`; stops the agent and
    /// removes its files afterwards, whether `body` returned or threw.
    public static func with<Result>(keyComment: String, _ body: (TestSSHAgent) async throws -> Result) async throws -> Result {
        // Short: a unix socket path must fit 108 bytes.
        let directory = URL(fileURLWithPath: "/tmp/stevedore-agent-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let socket = directory.appendingPathComponent("agent.sock").path
        // The agent forks into the background and prints `SSH_AGENT_PID=N;`.
        let started = try await LocalServerProcess.runTool("/usr/bin/ssh-agent", ["-s", "-a", socket])
        guard let match = started.firstMatch(of: /SSH_AGENT_PID=(\d+);/), let processID = pid_t(match.1) else {
            throw TestServerError("ssh-agent did not say its pid: \(started)")
        }
        let key = directory.appendingPathComponent("key").path
        let agent = TestSSHAgent(socketPath: socket, keyFile: key, processID: processID)
        return try await withStopping(
            agent,
            { agent in
                _ = try await LocalServerProcess.runTool(
                    "/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", keyComment, "-f", key])
                let added = try await CommandLineProcess(executable: URL(fileURLWithPath: "/usr/bin/ssh-add")).run(
                    [key], environment: ["SSH_AUTH_SOCK": socket])
                guard added.status == 0 else { throw TestServerError("ssh-add failed: \(added)") }
                return try await body(agent)
            }, stop: { agent in await agent.stop() })
    }

    /// Stops the agent and waits (up to 5 s) until it has unlinked its socket, as it does on its
    /// way out: a removal of the directory racing with that unlink left the directory behind.
    /// (Not until its process is gone: nothing here reaps it, so it stays a zombie a while.)
    private func stop() async {
        kill(self.processID, SIGTERM)
        for _ in 0..<500 where access(self.socketPath, F_OK) == 0 {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// What `ssh-add -l` lists: a line per key, ending with its comment.
    public func listedKeys() async throws -> String {
        try await CommandLineProcess(executable: URL(fileURLWithPath: "/usr/bin/ssh-add")).run(
            ["-l"], environment: ["SSH_AUTH_SOCK": self.socketPath]
        ).standardOutput
    }
}
