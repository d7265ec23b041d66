import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// `ssh://` daemons through a real sshd on 127.0.0.1, whose remote command is
/// `stevedore system dial-stdio` relaying to the test engine.
@Suite(
    "ssh:// against the real engine", .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct SSHTests {
    /// The remote command: this build's stevedore relaying to the test engine.
    static var relay: [String] {
        let engine = ProcessInfo.processInfo.environment["DOCKER_HOST"] ?? DockerHost.local.description
        return ["env", "DOCKER_HOST=\(engine)", CommandLineProcess.stevedore.executable.path, "system", "dial-stdio"]
    }

    static func withClient(identity: (TestSSHServer) -> String, _ body: (DockerClient) async throws -> Void) async throws {
        try await TestSSHServer.withServer { server in
            var configuration = DockerClientConfiguration(host: try server.dockerHost)
            configuration.ssh = server.sshOptions(identity: identity(server), remoteCommand: Self.relay)
            let client = try DockerClient(configuration: configuration)
            defer { client.shutdown() }
            try await body(client)
        }
    }

    @Test func requestsAndStreamsGoThroughSSH() async throws {
        try await Self.withClient(identity: \.clientKeyPath) { client in
            #expect(try await client.apiVersion() >= APIVersion(1, 24))
            #expect(try await client.system.version().version?.isEmpty == false)
            let now = Date()
            let options = SystemEventsOptions(
                since: SystemEventsOptions.timestamp(now.addingTimeInterval(-5)), until: SystemEventsOptions.timestamp(now))
            for try await _ in try await client.system.events(options) {}
            // Concurrent requests each get a connection (an ssh session) of their own.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { _ = try await client.system.info() } }
                try await group.waitForAll()
            }
        }
    }

    /// A socket path in the host (`ssh://host/path`, docker's form for a daemon that is not at
    /// the remote CLI's default) reaches the daemon through the remote command's `--host`,
    /// quoted for the remote shell: here the path holds a space, a quote and `$HOME`, which the
    /// shell would split and expand, through a link to the engine's socket.
    @Test func aSocketPathInTheHostReachesThatDaemon() async throws {
        let engine = ProcessInfo.processInfo.environment["DOCKER_HOST"] ?? DockerHost.local.description
        try #require(engine.hasPrefix("unix://"), "the test engine listens on a unix socket")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore ssh 'it' $HOME \(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let socket = directory.appendingPathComponent("docker.sock").path
        try FileManager.default.createSymbolicLink(atPath: socket, withDestinationPath: String(engine.dropFirst("unix://".count)))
        try await TestSSHServer.withServer { server in
            var configuration = DockerClientConfiguration(host: try DockerHost(parsing: "ssh://root@127.0.0.1:\(server.port)\(socket)"))
            configuration.ssh = server.sshOptions(
                identity: server.clientKeyPath, remoteCommand: [CommandLineProcess.stevedore.executable.path, "system", "dial-stdio"])
            let client = try DockerClient(configuration: configuration)
            defer { client.shutdown() }
            #expect(try await client.system.version().version?.isEmpty == false)
        }
    }

    @Test func aRefusedLoginSaysWhatSSHSaid() async throws {
        try await Self.withClient(identity: \.strangerKeyPath) { client in
            let error = await #expect(throws: DockerError.self) { try await client.system.ping() }
            #expect(error?.message.contains("Permission denied") == true, "\(String(describing: error))")
        }
    }

    /// An ssh that refuses at once closes the pipes while the connection is being set up;
    /// whichever setup step notices, the error says what ssh said (it once said `notFound`,
    /// a pipeline lookup's error, under load).
    @Test func anSSHThatExitsAtOnceSaysWhyEveryTime() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-fake-ssh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let ssh = directory.appendingPathComponent("ssh")
        try Data("#!/bin/sh\necho 'root@127.0.0.1: Permission denied (publickey).' >&2\nexit 255\n".utf8).write(to: ssh)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: ssh.path)
        var configuration = DockerClientConfiguration(host: try DockerHost(parsing: "ssh://root@127.0.0.1"))
        configuration.ssh.executable = ssh.path
        let client = try DockerClient(configuration: configuration)
        defer { client.shutdown() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    let error = await #expect(throws: DockerError.self) { try await client.system.ping() }
                    #expect(error?.message.contains("Permission denied (publickey)") == true, "\(String(describing: error))")
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func aMissingSSHClientIsAConfigurationError() async throws {
        var configuration = DockerClientConfiguration(host: try DockerHost(parsing: "ssh://example.invalid"))
        configuration.ssh.executable = "stevedore-no-such-ssh"
        let client = try DockerClient(configuration: configuration)
        defer { client.shutdown() }
        let error = await #expect(throws: DockerError.self) { try await client.system.ping() }
        #expect(error?.category == .invalidConfiguration)
        #expect(error?.message.contains("stevedore-no-such-ssh") == true)
    }
}

extension SSHTests {
    /// A stored ssh:// context reaches the daemon through the same ssh transport.
    @Test func anSSHContextUsesTheSSHTransport() async throws {
        try await TestSSHServer.withServer { server in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-ssh-context-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = DockerContextStore(configDirectory: directory)
            try store.create(DockerContext(name: "over-ssh", endpoint: .init(host: try server.dockerHost.description)))
            var configuration = try DockerClientConfiguration.fromEnvironment(["DOCKER_CONFIG": directory.path], context: "over-ssh")
            #expect(configuration.host == (try server.dockerHost))
            configuration.ssh = server.sshOptions(identity: server.clientKeyPath, remoteCommand: Self.relay)
            let client = try DockerClient(configuration: configuration)
            defer { client.shutdown() }
            #expect(try await client.system.version().version?.isEmpty == false)
        }
    }
}
