import Foundation
import Stevedore

/// A real OpenSSH server on 127.0.0.1 for the `ssh://` tests: its own host key and a client key
/// it accepts for root, in a temporary directory. Debian's `openssh-server` provides `sshd`
/// (scripts/test installs it).
public final class TestSSHServer: @unchecked Sendable {
    public let directory: URL
    public let port: Int
    private let process: Process

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

    private init(directory: URL, port: Int, process: Process) {
        self.directory = directory
        self.port = port
        self.process = process
    }

    /// Starts `sshd` and waits until it accepts connections.
    public static func start() throws -> TestSSHServer {
        let fileManager = FileManager.default
        let directory = fileManager.temporaryDirectory.appendingPathComponent("stevedore-sshd-\(UUID().uuidString.prefix(8))")
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        // sshd's privilege separation directory.
        try fileManager.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        for key in ["host", "client", "stranger"] {
            try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", directory.appendingPathComponent(key).path])
        }
        try fileManager.copyItem(at: directory.appendingPathComponent("client.pub"), to: directory.appendingPathComponent("authorized_keys"))
        let port = try Self.freePort()
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/sshd")
        process.arguments = ["-D", "-e", "-f", directory.appendingPathComponent("sshd_config").path]
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let server = TestSSHServer(directory: directory, port: port, process: process)
        try server.waitUntilListening()
        return server
    }

    /// Stops `sshd` and removes its files.
    public func stop() {
        if self.process.isRunning {
            self.process.terminate()
            self.process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: self.directory)
    }

    private func waitUntilListening() throws {
        for _ in 0..<100 {
            guard self.process.isRunning else { throw TestSSHServerError("sshd exited at start (is openssh-server installed?)") }
            if Self.accepts(port: self.port) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TestSSHServerError("sshd did not listen on 127.0.0.1:\(self.port) within 5 s")
    }

    private static func accepts(port: Int) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    private static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw TestSSHServerError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let outcome = try CommandLineProcess(executable: URL(fileURLWithPath: executable)).run(arguments)
        guard outcome.status == 0 else { throw TestSSHServerError("\(executable) failed: \(outcome)") }
    }
}

/// The SSH test server could not be set up.
public struct TestSSHServerError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
