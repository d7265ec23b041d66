import Foundation
import Stevedore

/// The 3-host swarm bed of `scripts/swarm`: three Docker Engine 28 daemons, each in a network
/// namespace of its own, reached through their unix sockets. The swarm is not initialised:
/// tests init and join it, and ``reset()`` leaves it again.
public struct TestSwarm: Sendable {
    public struct Host: Sendable {
        /// The daemon's socket.
        public let host: DockerHost
        /// Its only address inside its namespace: the advertise address, `ADDRESS:2377` to join.
        public let address: String
        /// The node's hostname.
        public let hostname: String
        /// Its `scripts/engine` directory: `docker.pid`, `dockerd.log`.
        public let directory: URL
    }

    public let hosts: [Host]
    private let script: URL

    /// The bed `scripts/swarm env` describes, or nil when those variables are not set.
    public static var current: TestSwarm? {
        let environment = ProcessInfo.processInfo.environment
        func words(_ name: String) -> [String] { (environment[name] ?? "").split(separator: " ").map(String.init) }
        let sockets = words("STEVEDORE_SWARM_HOSTS")
        let addresses = words("STEVEDORE_SWARM_ADDRESSES")
        let hostnames = words("STEVEDORE_SWARM_HOSTNAMES")
        let directories = words("STEVEDORE_SWARM_DIRS")
        guard sockets.count == 3, addresses.count == 3, hostnames.count == 3, directories.count == 3,
            let script = environment["STEVEDORE_SWARM_SCRIPT"], let hosts = try? sockets.map({ try DockerHost(parsing: $0) })
        else { return nil }
        return TestSwarm(
            hosts: (0..<3).map {
                Host(host: hosts[$0], address: addresses[$0], hostname: hostnames[$0], directory: URL(fileURLWithPath: directories[$0]))
            }, script: URL(fileURLWithPath: script))
    }

    /// Whether the swarm suites run: the bed is there, or `STEVEDORE_REQUIRE_SWARM=1` (set by
    /// scripts/test's swarm pass) makes them fail without it. Otherwise they skip, saying so.
    public static func shouldRun() -> Bool {
        if Self.current != nil || ProcessInfo.processInfo.environment["STEVEDORE_REQUIRE_SWARM"] == "1" { return true }
        FileHandle.standardError.write(Data("warning: no swarm bed (scripts/swarm env); swarm tests are skipped\n".utf8))
        return false
    }

    /// The bed, or a failure naming what is missing.
    public static func required() throws -> TestSwarm {
        guard let swarm = Self.current else {
            throw DockerError(
                category: .invalidConfiguration, message: "no swarm bed: run the tests through scripts/test (scripts/swarm start)")
        }
        return swarm
    }

    /// Runs `body` with a client per host, shut down afterwards.
    public func withClients<Result>(_ body: ([DockerClient]) async throws -> Result) async throws -> Result {
        let clients = try self.hosts.map { try DockerClient(configuration: DockerClientConfiguration(host: $0.host)) }
        defer { for client in clients { client.shutdown() } }
        return try await body(clients)
    }

    /// Every host leaves its swarm (force), workers first, so that the next test initialises
    /// a new one. A host in no swarm is left as it is.
    public func reset() async throws {
        try await self.withClients { clients in
            for client in clients.reversed() {
                do {
                    try await client.swarm.leave(force: true)
                } catch let error as DockerError where error.message.contains("not part of a swarm") {
                    continue
                }
            }
        }
    }

    /// Kills host `index`'s dockerd with SIGKILL, as a crash would; its containers keep running.
    public func kill(host index: Int) async throws {
        let pid = try String(contentsOf: self.hosts[index].directory.appendingPathComponent("docker.pid"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try await LocalServerProcess.runTool("/bin/kill", ["-KILL", pid])
    }

    /// Whether host `index`'s node key is encrypted on disk, as autolock leaves it. A manager
    /// re-encrypts its key a moment after it sees autolock turned on; killed before that, it
    /// restarts unlocked.
    public func nodeKeyIsEncrypted(host index: Int) throws -> Bool {
        let key = self.hosts[index].directory.appendingPathComponent("data/swarm/certificates/swarm-node.key")
        return try String(contentsOf: key, encoding: .utf8).contains("ENCRYPTED")
    }

    /// Starts host `index`'s dockerd again, with its data: it rejoins its swarm.
    public func start(host index: Int) async throws {
        _ = try await LocalServerProcess.runTool(self.script.path, ["start-host", String(index + 1)])
    }
}
