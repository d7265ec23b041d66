import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// The swarm the tests share: host 1 initialised it, host 2 joined as a worker, host 3 as a
/// manager. A test that breaks it (leave, tokens) forms it again through ``formed(_:)``.
enum SwarmFixture {
    static let image = TestEngine.image

    /// Forms the swarm unless the three nodes are already in it, Ready, host 2 the only worker;
    /// then waits until the managers commit a write.
    static func formed(_ swarm: TestSwarm, _ clients: [DockerClient]) async throws {
        if let nodes = try? await clients[0].nodes.list(), nodes.count == 3, nodes.allSatisfy({ $0.status?.state == .ready }),
            nodes.filter({ $0.spec?.role == .worker }).map(\.description?.hostname) == [swarm.hosts[1].hostname]
        {
            try await Self.waitUntilWritable(clients[0])
            return
        }
        try await swarm.reset()
        try await clients[0].swarm.initialize(SwarmInitRequest(advertiseAddr: swarm.hosts[0].address))
        let tokens = try #require(try await clients[0].swarm.inspect().joinTokens)
        try await Self.join(swarm, clients, host: 1, token: try #require(tokens.worker))
        try await Self.join(swarm, clients, host: 2, token: try #require(tokens.manager))
        try await Self.waitUntilWritable(clients[0])
    }

    /// Waits (up to 60 s) until a config can be made and removed through `manager`. With two
    /// managers both must agree to a write, and after a change of managers (the autolock
    /// tests) a while passes before they do: a write meanwhile fails with `context deadline
    /// exceeded` (seen in CI as the next test's first write, and as the removal after a create
    /// that went through).
    static func waitUntilWritable(_ manager: DockerClient) async throws {
        let writable = try await Self.eventually(60) {
            guard let id = try? await manager.configs.create(ConfigSpec(name: Self.uniqueName("writable"), data: Data("x".utf8))) else {
                return false
            }
            return (try? await manager.configs.remove(id)) != nil
        }
        try #require(writable, "the swarm's managers commit no write")
    }

    static func join(_ swarm: TestSwarm, _ clients: [DockerClient], host: Int, token: String) async throws {
        try await clients[host].swarm.join(
            SwarmJoinRequest(
                listenAddr: "0.0.0.0:2377", advertiseAddr: swarm.hosts[host].address, remoteAddrs: ["\(swarm.hosts[0].address):2377"],
                joinToken: token))
    }

    /// A service of `replicas` busybox tasks running `command` (with an init, so that they
    /// stop at once), named uniquely, labelled for cleanup.
    static func spec(_ name: String, replicas: Int64? = 3, global: Bool = false, command: [String] = ["sleep", "300"]) -> ServiceSpec {
        var container = TaskSpec.ContainerSpec(image: Self.image, args: command)
        container.`init` = true
        var spec = ServiceSpec(name: name, labels: ["stevedore-test": "swarm"], taskTemplate: TaskSpec(containerSpec: container))
        if global {
            spec.mode = .init(global: .object([:]))
        } else {
            spec.mode = .init(replicated: .init(replicas: replicas))
        }
        return spec
    }

    static func uniqueName(_ prefix: String) -> String { "\(prefix)-\(UInt32.random(in: 0...UInt32.max))" }

    /// The ids of the nodes running `service`'s tasks now.
    static func runningNodes(_ client: DockerClient, service: String) async throws -> [String] {
        var filters = TaskListFilters()
        filters.service = [service]
        filters.desiredState = [.running]
        return try await client.tasks.list(filters).filter { $0.status?.state == .running }.compactMap(\.nodeID)
    }

    /// Kills and starts host 3, a manager, with host 2 a manager meanwhile: three managers keep
    /// a quorum and their leader through one's restart, where two lose both (CI saw "The swarm
    /// does not have a leader" for over 90 s after host 3 came back). `restarted` runs once
    /// host 3 is up again (locked, under autolock); host 2 is a worker again once host 3 is
    /// back among the managers.
    static func restartingThirdManager(
        _ swarm: TestSwarm, _ clients: [DockerClient], restarted: () async throws -> Void
    ) async throws {
        let (leader, workerID) = (clients[0], try #require(try await clients[1].system.info().swarm?.nodeID))
        let thirdID = try #require(try await clients[2].system.info().swarm?.nodeID)
        try await Self.setRole(.manager, of: workerID, leader)
        #expect(try await Self.eventually(60) { await Self.isReachableManager(thirdID, leader) })
        #expect(try await Self.eventually(60) { await Self.isReachableManager(workerID, leader) })
        try await swarm.kill(host: 2)
        try await swarm.start(host: 2)
        try await restarted()
        #expect(try await Self.eventually(60) { await Self.isReachableManager(thirdID, leader) })
        try await Self.setRole(.worker, of: workerID, leader)
    }

    private static func setRole(_ role: NodeSpec.Role, of id: String, _ manager: DockerClient) async throws {
        let node = try await manager.nodes.inspect(id)
        var spec = try #require(node.spec)
        spec.role = role
        try await manager.nodes.update(id, spec, version: Int64(try #require(node.version?.index)))
    }

    /// Whether node `id` is a manager its peers reach; `false` while `manager` cannot answer (an election).
    private static func isReachableManager(_ id: String, _ manager: DockerClient) async -> Bool {
        (try? await manager.nodes.inspect(id))?.managerStatus?.reachability == .reachable
    }

    /// Polls `condition` every 500 ms for up to `seconds`.
    static func eventually(_ seconds: Int, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(500))
        }
        return try await condition()
    }
}
