import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// The swarm's life through `stevedore` alone on the 3-host swarm: forming it, tokens, node
/// roles and availability, removal, autolock and unlock, and a service's secrets, configs,
/// constraints, mounts and published ports. The library checks what each command did.
extension OnTheSwarm {
    @Suite("Swarm lifecycle through the CLI")
    struct SwarmLifecycleCommandsTests {
        let swarm: TestSwarm

        init() throws {
            self.swarm = try TestSwarm.required()
        }

        /// Runs `stevedore arguments` against host `host`, expecting success; returns stdout.
        @discardableResult
        func stevedore(
            _ arguments: [String], host: Int = 0, input: Data = Data(), sourceLocation: SourceLocation = #_sourceLocation
        ) async throws -> String {
            let outcome = try await self.run(arguments, host: host, input: input)
            #expect(outcome.status == 0, "\(arguments) on host \(host + 1): \(outcome)", sourceLocation: sourceLocation)
            return outcome.standardOutput
        }

        func run(_ arguments: [String], host: Int = 0, input: Data = Data()) async throws -> CommandLineProcess.Outcome {
            try await CommandLineProcess.stevedore.run(
                arguments, environment: ["DOCKER_HOST": self.swarm.hosts[host].host.description], input: input)
        }

        @Test func formingTheSwarmRotatingTokensAndChangingNodes() async throws {
            try await self.swarm.withClients { clients in
                try await self.swarm.reset()
                let (first, second, third) = (self.swarm.hosts[0], self.swarm.hosts[1], self.swarm.hosts[2])
                // A mask length alone applies to the daemon's default pool, as docker's.
                let initialized = try await self.stevedore(
                    ["swarm", "init", "--advertise-addr", first.address, "--default-addr-pool-mask-length", "20"])
                #expect(initialized.hasPrefix("Swarm initialized: current node ("), "\(initialized)")
                #expect(try await clients[0].swarm.inspect().subnetSize == 20)
                #expect(initialized.contains("docker swarm join --token SWMTKN-1-"))
                let workerToken = try await self.stevedore(["swarm", "join-token", "-q", "worker"])
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                let managerToken = try await self.stevedore(["swarm", "join-token", "-q", "manager"])
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(workerToken.hasPrefix("SWMTKN-1-") && managerToken.hasPrefix("SWMTKN-1-") && workerToken != managerToken)
                let remote = "\(first.address):2377"
                #expect(
                    try await self.stevedore(
                        ["swarm", "join", "--token", workerToken, "--advertise-addr", second.address, remote], host: 1)
                        == "This node joined a swarm as a worker.\n")
                #expect(
                    try await self.stevedore(
                        ["swarm", "join", "--token", managerToken, "--advertise-addr", third.address, remote], host: 2)
                        == "This node joined a swarm as a manager.\n")
                let listed = try await self.stevedore(["node", "ls", "--format", "{{.Hostname}} {{.Status}} {{.ManagerStatus}}"])
                #expect(
                    Set(listed.split(separator: "\n").map(String.init))
                        == ["\(first.hostname) Ready Leader", "\(second.hostname) Ready ", "\(third.hostname) Ready Reachable"],
                    "\(listed)")

                // A rotated worker token: the old one is refused, the new one joins (drained).
                let rotated = try await self.stevedore(["swarm", "join-token", "--rotate", "worker"])
                #expect(rotated.hasPrefix("Successfully rotated worker join token.\n\n"), "\(rotated)")
                let newToken = try #require(try await clients[0].swarm.inspect().joinTokens?.worker)
                #expect(newToken != workerToken && rotated.contains(newToken))
                #expect(try await self.stevedore(["swarm", "leave"], host: 1) == "Node left the swarm.\n")
                let workerID = try #require(
                    try await clients[0].nodes.list().first { $0.description?.hostname == second.hostname }?.id)
                #expect(try await SwarmFixture.eventually(30) { try await clients[0].nodes.inspect(workerID).status?.state == .down })
                #expect(try await self.stevedore(["node", "rm", workerID]) == "\(workerID)\n")
                let refused = try await self.run(
                    ["swarm", "join", "--token", workerToken, "--advertise-addr", second.address, remote], host: 1)
                #expect(refused.status == 1 && refused.standardError.contains("Error response from daemon"), "\(refused)")
                try await self.stevedore(
                    ["swarm", "join", "--token", newToken, "--advertise-addr", second.address, "--availability", "drain", remote],
                    host: 1)
                let rejoined = try #require(
                    try await clients[0].nodes.list().first { $0.description?.hostname == second.hostname && $0.status?.state != .down })
                let rejoinedID = try #require(rejoined.id)
                #expect(rejoined.spec?.availability == .drain)

                // Availability and labels, then roles.
                #expect(
                    try await self.stevedore(["node", "update", "--availability", "active", "--label-add", "zone=b", rejoinedID])
                        == "\(rejoinedID)\n")
                let updated = try await clients[0].nodes.inspect(rejoinedID)
                #expect(updated.spec?.availability == .active && updated.spec?.labels?["zone"] == "b")
                #expect(
                    try await self.stevedore(["node", "promote", rejoinedID]) == "Node \(rejoinedID) promoted to a manager in the swarm.\n")
                #expect(try await clients[0].nodes.inspect(rejoinedID).spec?.role == .manager)
                // Demoting is refused (as by docker) until the new manager is in the raft membership.
                #expect(
                    try await SwarmFixture.eventually(60) {
                        try await clients[0].nodes.inspect(rejoinedID).managerStatus?.reachability == .reachable
                    })
                #expect(try await self.stevedore(["node", "demote", rejoinedID]) == "Manager \(rejoinedID) demoted in the swarm.\n")
                #expect(try await clients[0].nodes.inspect(rejoinedID).spec?.role == .worker)
                #expect(try await self.stevedore(["node", "update", "--label-rm", "zone", rejoinedID]) == "\(rejoinedID)\n")
                #expect(try await clients[0].nodes.inspect(rejoinedID).spec?.labels?["zone"] == nil)
                // The dead node record left by the leave is removed with --force-free rm.
                let stale = try await clients[0].nodes.list().filter { $0.status?.state == .down }.compactMap(\.id)
                for id in stale { try await self.stevedore(["node", "rm", id]) }
            }
        }

        @Test func autolockThroughTheCLI() async throws {
            try await self.swarm.withClients { clients in
                try await SwarmFixture.formed(self.swarm, clients)
                let locked = try await self.stevedore(["swarm", "update", "--autolock=true"])
                #expect(locked.hasPrefix("Swarm updated.\n"), "\(locked)")
                let key = try await self.stevedore(["swarm", "unlock-key", "-q"]).trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(key.hasPrefix("SWMKEY-1-") && locked.contains(key))
                #expect(try await self.stevedore(["swarm", "unlock-key", "--rotate", "-q"]) != key + "\n")
                let current = try await self.stevedore(["swarm", "unlock-key", "-q"]).trimmingCharacters(in: .whitespacesAndNewlines)

                // Host 3, a manager, restarts locked; a wrong key is refused, the current one unlocks.
                #expect(try await SwarmFixture.eventually(30) { try self.swarm.nodeKeyIsEncrypted(host: 2) })
                try await SwarmFixture.restartingThirdManager(self.swarm, clients) {
                    #expect(try await clients[2].system.info().swarm?.localNodeState == .locked)
                    let wrong = try await self.run(["swarm", "unlock"], host: 2, input: Data("SWMKEY-1-wrong\n".utf8))
                    #expect(wrong.status == 1 && wrong.standardError.contains("Error response from daemon"), "\(wrong)")
                    try await self.stevedore(["swarm", "unlock"], host: 2, input: Data((current + "\n").utf8))
                    #expect(
                        try await SwarmFixture.eventually(30) { try await clients[2].system.info().swarm?.localNodeState == .active })
                }
                #expect(try await self.stevedore(["swarm", "update", "--autolock=false"]) == "Swarm updated.\n")
                #expect(try await clients[0].swarm.unlockKey() == nil)
            }
        }

        @Test func aServiceGetsItsSecretsConfigsConstraintsMountsAndPorts() async throws {
            try await self.swarm.withClients { clients in
                try await SwarmFixture.formed(self.swarm, clients)
                let name = SwarmFixture.uniqueName("cli-svc")
                let (secret, config) = (name + "-secret", name + "-config")
                try await self.stevedore(["secret", "create", secret, "-"], input: Data("s3cr3t".utf8))
                try await self.stevedore(["config", "create", config, "-"], input: Data("conf".utf8))
                defer {
                    Task {
                        _ = try? await self.run(["service", "rm", name])
                        _ = try? await self.run(["secret", "rm", secret])
                        _ = try? await self.run(["config", "rm", config])
                    }
                }
                let manager = self.swarm.hosts[0].hostname
                try await self.stevedore([
                    "service", "create", "-d", "--name", name, "--init", "--no-resolve-image", "-l", "stevedore-test=swarm",
                    "--secret", secret, "--config", "source=\(config),target=/etc/app.conf,mode=0400",
                    "--constraint", "node.hostname==\(manager)", "--mount", "type=volume,source=\(name)-data,target=/data",
                    "--publish", "published=18080,target=80,mode=host",
                    SwarmFixture.image, "sh", "-c", "cat /run/secrets/\(secret) /etc/app.conf; echo; sleep 300",
                ])
                let spec = try #require(try await clients[0].services.inspect(name).spec)
                let container = try #require(spec.taskTemplate?.containerSpec)
                #expect(container.secrets?.first?.file?.name == secret)
                #expect(container.configs?.first?.file?.name == "/etc/app.conf")
                #expect(container.configs?.first?.file?.mode == 0o400)
                #expect(spec.taskTemplate?.placement?.constraints == ["node.hostname==\(manager)"])
                #expect(container.mounts?.first?.target == "/data" && container.mounts?.first?.type == .volume)
                #expect(spec.endpointSpec?.ports?.first?.publishedPort == 18080)
                #expect(spec.endpointSpec?.ports?.first?.publishMode == .host)
                // The task runs on the constrained node and reads both files.
                try await clients[0].services.waitUntilConverged(name, options: .init(stabilityPeriod: .seconds(1)))
                let nodes = try await SwarmFixture.runningNodes(clients[0], service: name)
                let managerID = try await clients[0].system.info().swarm?.nodeID
                #expect(nodes == [managerID].compactMap { $0 })
                #expect(
                    try await SwarmFixture.eventually(30) {
                        try await self.stevedore(["service", "logs", "--raw", name]).contains("s3cr3tconf")
                    })
            }
        }
    }
}
