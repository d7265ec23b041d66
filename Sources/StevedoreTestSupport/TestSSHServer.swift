import Foundation
import Stevedore

/// A real OpenSSH server on 127.0.0.1 for the `ssh://` tests: its own host key and a client key
/// it accepts for root, in a temporary directory. Debian's `openssh-server` provides `sshd`
/// (scripts/test installs it).
public final class TestSSHServer: Sendable {
    public let directory: URL
    private let server: LocalServerProcess
    public var port: Int { self.server.port }

    /// `ssh://root@127.0.0.1:<port>`.
    public var dockerHost: DockerHost {
        get throws { try DockerHost(parsing: "ssh://root@127.0.0.1:\(self.port)") }
    }

    /// The key the server accepts for root.
    public var clientKeyPath: String { self.directory.appendingPathComponent("client").path }
    /// A key the server does not accept.
    public var strangerKeyPath: String { self.directory.appendingPathComponent("stranger").path }

    /// ssh client options that log in with `identity` alone, trusting the server's unknown host
    /// key; `remoteCommand` relays to the engine.
    public func sshOptions(identity: String, remoteCommand: [String]) -> DockerSSHOptions {
        let options = [
            "IdentityFile=\(identity)", "IdentitiesOnly=yes", "StrictHostKeyChecking=no", "UserKnownHostsFile=/dev/null",
            "BatchMode=yes", "LogLevel=ERROR",
        ]
        return DockerSSHOptions(arguments: ["-T"] + options.flatMap { ["-o", $0] }, remoteCommand: remoteCommand)
    }

    private init(directory: URL, server: LocalServerProcess) {
        self.directory = directory
        self.server = server
    }

    /// Runs `body` with an `sshd` started for it (waited for until it accepts connections), then
    /// stops it and removes its files, also when `body` throws.
    public static func withServer<Result>(_ body: (TestSSHServer) async throws -> Result) async throws -> Result {
        try await withStopping(try await Self.start(), body) { await $0.stop() }
    }

    /// Starts `sshd` and waits until it accepts connections.
    private static func start() async throws -> TestSSHServer {
        let fileManager = FileManager.default
        let directory = fileManager.temporaryDirectory.appendingPathComponent("stevedore-sshd-\(UUID().uuidString.prefix(8))")
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        // sshd's privilege separation directory.
        try fileManager.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        for key in ["host", "client", "stranger"] {
            _ = try await LocalServerProcess.runTool(
                "/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", directory.appendingPathComponent(key).path])
        }
        try fileManager.copyItem(
            at: directory.appendingPathComponent("client.pub"), to: directory.appendingPathComponent("authorized_keys"))
        let port = try LocalServerProcess.freePort()
        let path = directory.path
        try """
        Port \(port)
        ListenAddress 127.0.0.1
        HostKey \(path)/host
        AuthorizedKeysFile \(path)/authorized_keys
        PidFile \(path)/sshd.pid
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        UsePAM no
        StrictModes no
        PermitRootLogin prohibit-password
        LogLevel ERROR

        """.write(to: directory.appendingPathComponent("sshd_config"), atomically: true, encoding: .utf8)
        let server = try await LocalServerProcess(
            executable: "/usr/sbin/sshd", arguments: ["-D", "-e", "-f", directory.appendingPathComponent("sshd_config").path], port: port)
        return TestSSHServer(directory: directory, server: server)
    }

    /// Stops `sshd`, waiting for its exit, and removes its files.
    private func stop() async {
        await self.server.stop()
        try? FileManager.default.removeItem(at: self.directory)
    }
}
