import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// The library on a real 3-host swarm (scripts/swarm): three Docker Engine 28 daemons in
/// network namespaces. One test at a time: they share the swarm.
extension OnTheSwarm {
    @Suite("Swarm on three hosts")
    struct SwarmTests {
        let swarm: TestSwarm

        init() throws {
            self.swarm = try TestSwarm.required()
        }

        /// A rotation to a root the swarm generates, with a new certificate expiry in the same
        /// update: every node ends with a certificate from the new root and trusts it, each report
        /// counts the three nodes, and a wait with nothing under way returns after one look.
        @Test func theRootCARotatesAndEveryNodeMovesToIt() async throws {
            try await self.swarm.withClients { clients in
                try await SwarmFixture.formed(self.swarm, clients)
                let client = clients[0]
                let before = try #require(try await client.swarm.inspect().tlsInfo?.trustRoot)
                let expiry: Int64 = 48 * 3600 * 1_000_000_000
                try await client.swarm.rotateRootCA { $0.caConfig?.nodeCertExpiry = expiry }
                let (after, reports) = try await withTimeout(240) {
                    var reports: [SwarmRootRotation] = []
                    let after = try await client.swarm.waitUntilRootRotationConverged { reports.append($0) }
                    return (after, reports)
                }
                let root = try #require(after.tlsInfo?.trustRoot)
                #expect(root != before && root.contains("-----BEGIN CERTIFICATE-----"))
                #expect(after.spec?.caConfig?.nodeCertExpiry == expiry)
                #expect(reports.allSatisfy { $0.nodes == 3 } && reports.last?.isConverged == true, "\(reports)")
                #expect(reports.last?.desiredTrustRoot == root)
                #expect(reports.last?.desiredTrustRootDigest.wholeMatch(of: /sha256:[0-9a-f]{64}/) != nil)
                #expect(try await client.nodes.list().allSatisfy { $0.description?.tlsInfo?.trustRoot == root })
                var looks = 0
                _ = try await client.swarm.waitUntilRootRotationConverged { _ in looks += 1 }
                #expect(looks == 1)
            }
        }

        @Test func initJoinAndTokens() async throws {
            try await self.swarm.withClients { clients in
                try await self.swarm.reset()
                try await SwarmFixture.formed(self.swarm, clients)
                let nodes = try await clients[0].nodes.list()
                #expect(nodes.count == 3)
                #expect(nodes.allSatisfy { $0.status?.state == .ready })
                #expect(nodes.filter { $0.spec?.role == .manager }.count == 2)
                var managers = NodeListFilters()
                managers.role = [.manager]
                #expect(
                    Set(try await clients[0].nodes.list(.init(filters: managers)).compactMap { $0.description?.hostname })
                        == [self.swarm.hosts[0].hostname, self.swarm.hosts[2].hostname])
                // The worker answers no manager call.
                let notManager = await #expect(throws: DockerError.self) { try await clients[1].nodes.list() }
                #expect(notManager?.category == .unavailable)

                // Rotating the worker token: the old one no longer joins, the new one does.
                let before = try await clients[0].swarm.inspect()
                let oldToken = try #require(before.joinTokens?.worker)
                #expect(!"\(before.joinTokens!)".contains(oldToken), "join tokens print redacted")
                try await clients[0].swarm.update(
                    try #require(before.spec), options: .init(version: Int64(try #require(before.version?.index)), rotateWorkerToken: true))
                let newToken = try #require(try await clients[0].swarm.inspect().joinTokens?.worker)
                #expect(newToken != oldToken)
                try await clients[1].swarm.leave()
                let workerID = try #require(nodes.first { $0.description?.hostname == self.swarm.hosts[1].hostname }?.id)
                #expect(try await SwarmFixture.eventually(30) { try await clients[0].nodes.inspect(workerID).status?.state == .down })
                try await clients[0].nodes.remove(workerID)
                await #expect(throws: DockerError.self) { try await SwarmFixture.join(self.swarm, clients, host: 1, token: oldToken) }
                // Joining drained, as docker's --availability (a field the daemon reads, not in the spec).
                try await clients[1].swarm.join(
                    SwarmJoinRequest(
                        listenAddr: "0.0.0.0:2377", advertiseAddr: self.swarm.hosts[1].address,
                        remoteAddrs: ["\(self.swarm.hosts[0].address):2377"], joinToken: newToken, availability: .drain))
                let rejoined = try #require(
                    try await clients[0].nodes.list().first {
                        $0.description?.hostname == self.swarm.hosts[1].hostname && $0.status?.state != .down
                    })
                #expect(rejoined.spec?.availability == .drain)
                var active = try #require(rejoined.spec)
                active.availability = .active
                try await clients[0].nodes.update(
                    rejoined.id ?? "", active, version: Int64(try #require(rejoined.version?.index)))
                #expect(
                    try await SwarmFixture.eventually(30) {
                        try await clients[0].nodes.list().filter { $0.status?.state == .ready }.count == 3
                    }
                )
            }
        }

        @Test func replicatedServiceSpreadsScalesUpdatesAndRollsBack() async throws {
            try await self.swarm.withClients { clients in
                try await SwarmFixture.formed(self.swarm, clients)
                let manager = clients[0]
                let name = SwarmFixture.uniqueName("spread")
                let id = try await manager.services.create(SwarmFixture.spec(name)).id
                defer { Task { try? await manager.services.remove(id) } }
                var reports: [ServiceConvergence] = []
                let converged = try await manager.services.waitUntilConverged(id, options: .init(stabilityPeriod: .seconds(1))) {
                    reports.append($0)
                }
                #expect(converged.phase == .converged)
                #expect(reports.contains { $0.phase == .verifying(remaining: .seconds(1)) || $0.done == 3 })
                #expect(Set(try await SwarmFixture.runningNodes(manager, service: id)).count == 3, "one task per host")

                // Scale to 5.
                var service = try await manager.services.inspect(id)
                var spec = try #require(service.spec)
                spec.mode?.replicated?.replicas = 5
                try await manager.services.update(id, spec, options: .init(version: Int64(try #require(service.version?.index))))
                try await manager.services.waitUntilConverged(id, options: .init(stabilityPeriod: .seconds(1)))
                #expect(try await SwarmFixture.runningNodes(manager, service: id).count == 5)

                // A rolling update of the environment.
                service = try await manager.services.inspect(id)
                spec = try #require(service.spec)
                spec.taskTemplate?.containerSpec?.env = ["STAGE=two"]
                spec.updateConfig = .init(parallelism: 2, delay: 0, failureAction: .pause, monitor: 1_000_000_000)
                try await manager.services.update(id, spec, options: .init(version: Int64(try #require(service.version?.index))))
                let updated = try await manager.services.waitUntilConverged(id, options: .init(stabilityPeriod: .seconds(1)))
                #expect(updated.isFinal)
                var current = TaskListFilters()
                current.service = [id]
                current.desiredState = [.running]
                #expect(try await manager.tasks.list(current).allSatisfy { $0.spec?.containerSpec?.env == ["STAGE=two"] })

                // An update whose tasks fail rolls back: the previous spec runs again.
                service = try await manager.services.inspect(id)
                spec = try #require(service.spec)
                spec.taskTemplate?.containerSpec?.args = ["sh", "-c", "exit 1"]
                spec.updateConfig = .init(parallelism: 5, delay: 0, failureAction: .rollback, monitor: 2_000_000_000, maxFailureRatio: 0)
                try await manager.services.update(id, spec, options: .init(version: Int64(try #require(service.version?.index))))
                #expect(
                    try await SwarmFixture.eventually(90) {
                        try await manager.services.inspect(id).updateStatus?.state?.rawValue == "rollback_completed"
                    })
                #expect(try await manager.services.inspect(id).spec?.taskTemplate?.containerSpec?.args == ["sleep", "300"])
                // Waiting now reports the rollback and its reason.
                let rolledBack = try await withTimeout(120) {
                    try await manager.services.waitUntilConverged(id, options: .init(stabilityPeriod: .seconds(1)))
                }
                #expect(rolledBack.phase == .converged && rolledBack.rollbackMessage?.isEmpty == false, "\(rolledBack)")
                try await manager.services.remove(id)
            }
        }

        @Test func aGlobalServiceRunsOnEveryHostAndAJobCompletes() async throws {
            try await self.swarm.withClients { clients in
                try await SwarmFixture.formed(self.swarm, clients)
                let manager = clients[0]
                let global = try await manager.services.create(SwarmFixture.spec(SwarmFixture.uniqueName("global"), global: true)).id
                let report = try await manager.services.waitUntilConverged(global, options: .init(stabilityPeriod: .seconds(1)))
                #expect(report.phase == .converged)
                #expect(Set(try await SwarmFixture.runningNodes(manager, service: global)).count == 3)
                try await manager.services.remove(global)

                var job = SwarmFixture.spec(SwarmFixture.uniqueName("job"), command: ["true"])
                job.mode = .init(replicatedJob: .init(maxConcurrent: 2, totalCompletions: 4))
                let jobID = try await manager.services.create(job).id
                let done = try await withTimeout(120) { try await manager.services.waitUntilConverged(jobID) }
                #expect(done.phase == .converged && done.done == 4 && done.desired == 4, "\(done)")
                try await manager.services.remove(jobID)
            }
        }

        /// A task's network attachments carry swarm's network (its spec, driver state and IPAM),
        /// which the spec's `NetworkAttachment` misnames as the network API's summary: decoded as
        /// that, every field was empty.
        @Test func aTasksNetworkAttachmentsDecodeSwarmsNetwork() async throws {
            try await self.swarm.withClients { clients in
                try await SwarmFixture.formed(self.swarm, clients)
                let manager = clients[0]
                let name = SwarmFixture.uniqueName("overlay")
                let network = try await manager.networks.create(NetworkCreateRequest(name: name, driver: "overlay", labels: ["a": "b"])).id
                defer { Task { try? await manager.networks.remove(network) } }
                var spec = SwarmFixture.spec(SwarmFixture.uniqueName("attached"), replicas: 1)
                spec.taskTemplate?.networks = [NetworkAttachmentConfig(target: name)]
                let service = try await manager.services.create(spec).id
                defer { Task { try? await manager.services.remove(service) } }
                _ = try await manager.services.waitUntilConverged(service, options: .init(stabilityPeriod: .seconds(1)))
                var filters = TaskListFilters()
                filters.service = [service]
                let task = try #require(try await manager.tasks.list(filters).first { $0.status?.state == .running })
                let attachment = try #require(task.networksAttachments?.first { $0.network?.id == network }, "\(task)")
                #expect(attachment.network?.spec?.name == name)
                #expect(attachment.network?.spec?.labels == ["a": "b"])
                #expect(attachment.network?.driverState?.name == "overlay")
                #expect(attachment.network?.version?.index ?? 0 > 0)
                #expect(attachment.network?.ipamOptions?.configs?.first?.subnet?.isEmpty == false)
                #expect(attachment.addresses?.isEmpty == false)
            }
        }

        @Test func secretsAndConfigsReachTasksAndLogsGatherFromEveryHost() async throws {
            try await self.swarm.withClients { clients in
                try await SwarmFixture.formed(self.swarm, clients)
                let manager = clients[0]
                let secretName = SwarmFixture.uniqueName("secret")
                let configName = SwarmFixture.uniqueName("config")
                let secretSpec = SecretSpec(name: secretName, data: Data("s3cr3t-value".utf8), labels: ["stevedore-test": "swarm"])
                #expect(!"\(secretSpec)".contains(Data("s3cr3t-value".utf8).base64EncodedString()), "a secret prints redacted")
                let secretID = try await manager.secrets.create(secretSpec)
                let configID = try await manager.configs.create(ConfigSpec(name: configName, data: Data("config-line\n".utf8)))
                #expect(try await manager.secrets.inspect(secretID).spec?.data == nil, "no call returns a secret's data")
                #expect(try await manager.configs.inspect(configName).spec?.decodedData == Data("config-line\n".utf8))
                var labelled = SecretListFilters()
                labelled.names = [secretName]
                #expect(try await manager.secrets.list(labelled).map(\.id) == [secretID])

                var spec = SwarmFixture.spec(
                    SwarmFixture.uniqueName("reader"), global: true,
                    command: ["sh", "-c", "echo node=$NODE secret=$(cat /run/secrets/s) config=$(cat /c); sleep 300"])
                spec.taskTemplate?.containerSpec?.env = ["NODE={{.Node.Hostname}}"]
                spec.taskTemplate?.containerSpec?.secrets = [
                    .init(file: .init(name: "s", uid: "0", gid: "0", mode: 0o400), secretID: secretID, secretName: secretName)
                ]
                spec.taskTemplate?.containerSpec?.configs = [
                    .init(file: .init(name: "/c", uid: "0", gid: "0", mode: 0o444), configID: configID, configName: configName)
                ]
                let id = try await manager.services.create(spec).id
                try await manager.services.waitUntilConverged(id, options: .init(stabilityPeriod: .seconds(1)))
                // The swarm gathers each host's task output; details say which task wrote a line.
                var lines: [String] = []
                #expect(
                    try await SwarmFixture.eventually(30) {
                        lines = try await manager.services.logs(id, options: .init(details: true)).collect(upTo: 1 << 20).stdoutText
                            .split(separator: "\n").map(String.init)
                        return lines.count >= 3
                    })
                let expected = Set(self.swarm.hosts.map { "node=\($0.hostname) secret=s3cr3t-value config=config-line" })
                #expect(Set(lines.map { $0.split(separator: " ", maxSplits: 1).last.map(String.init) ?? "" }) == expected, "\(lines)")
                #expect(lines.allSatisfy { $0.contains("com.docker.swarm.task.id=") })
                // One task's logs, from the host that ran it.
                var filters = TaskListFilters()
                filters.service = [id]
                filters.desiredState = [.running]
                let task = try #require(try await manager.tasks.list(filters).first?.id)
                #expect(try await manager.tasks.logs(task).collect(upTo: 1 << 20).stdoutText.contains("secret=s3cr3t-value"))

                // In use, a secret cannot go; labels can change.
                await #expect(throws: DockerError.self) { try await manager.secrets.remove(secretID) }
                try await manager.services.remove(id)
                let secret = try await manager.secrets.inspect(secretID)
                var changed = try #require(secret.spec)
                changed.labels = ["stevedore-test": "swarm", "changed": "yes"]
                try await manager.secrets.update(secretID, changed, version: Int64(try #require(secret.version?.index)))
                #expect(try await manager.secrets.inspect(secretID).spec?.labels?["changed"] == "yes")
                #expect(
                    try await SwarmFixture.eventually(30) {
                        (try? await manager.secrets.remove(secretID)) != nil
                    })
                #expect(try await SwarmFixture.eventually(30) { (try? await manager.configs.remove(configID)) != nil })
            }
        }

        /// The managers carry out a create whose client went away, as a daemon does (see
        /// `CancelledCreateTests`): a service, secret or config create cancelled in flight
        /// must leave nothing. What the answered attempts made may exist, and nothing else of
        /// the test's label; the managers' events show that some cancelled creates reached them.
        @Test func cancelledCreatesLeaveNoServiceSecretOrConfig() async throws {
            try await self.swarm.withClients { clients in
                try await SwarmFixture.formed(self.swarm, clients)
                let manager = clients[0]
                let start = Date()
                let label = SwarmFixture.uniqueName("cancelled")
                var labelled = SwarmObjectFilters()
                labelled.label = [LabelFilter(label)]
                var serviceFilters = ServiceListFilters()
                serviceFilters.label = labelled.label

                /// Cancels `create` 40 times and expects nothing left but what was answered.
                func expectNothingLeft(
                    of kind: EventMessage.Kind, create: @escaping @Sendable (String) async throws -> String,
                    labelled: () async throws -> [String], remove: (String) async throws -> Void
                ) async throws {
                    let outcome = try await createCancelledRepeatedly(40) { attempt in
                        try await create("\(label)-\(kind.rawValue)-\(attempt)")
                    } labelled: {
                        try await labelled()
                    } remove: {
                        try await remove($0)
                    }
                    let cancelled = 40 - outcome.answered.count
                    #expect(outcome.leftBehind.isEmpty, "\(outcome.leftBehind.count) of \(cancelled) cancelled creates left their \(kind)")
                    let made = try await createEvents(
                        of: kind, namedWithPrefix: "\(label)-\(kind.rawValue)-", since: start, client: manager)
                    #expect(made > outcome.answered.count, "no cancellation fell while the managers created a \(kind): nothing was tested")
                }
                try await expectNothingLeft(of: .service) { name in
                    var spec = SwarmFixture.spec(name, replicas: 0)
                    spec.labels = (spec.labels ?? [:]).merging([label: ""]) { $1 }
                    return try await manager.services.create(spec).id
                } labelled: {
                    try await manager.services.list(.init(filters: serviceFilters)).compactMap(\.id)
                } remove: {
                    try await manager.services.remove($0)
                }
                try await expectNothingLeft(of: .secret) { name in
                    try await manager.secrets.create(SecretSpec(name: name, data: Data("x".utf8), labels: [label: ""]))
                } labelled: {
                    try await manager.secrets.list(labelled).compactMap(\.id)
                } remove: {
                    try await manager.secrets.remove($0)
                }
                try await expectNothingLeft(of: .config) { name in
                    try await manager.configs.create(ConfigSpec(name: name, data: Data("x".utf8), labels: [label: ""]))
                } labelled: {
                    try await manager.configs.list(labelled).compactMap(\.id)
                } remove: {
                    try await manager.configs.remove($0)
                }
            }
        }

        @Test func drainingAndKillingAHostMovesItsTasks() async throws {
            try await self.swarm.withClients { clients in
                try await SwarmFixture.formed(self.swarm, clients)
                let manager = clients[0]
                let id = try await manager.services.create(SwarmFixture.spec(SwarmFixture.uniqueName("moving"))).id
                try await manager.services.waitUntilConverged(id, options: .init(stabilityPeriod: .seconds(1)))
                let nodes = try await manager.nodes.list()
                func node(_ host: Int) throws -> Node {
                    try #require(nodes.first { $0.description?.hostname == self.swarm.hosts[host].hostname })
                }

                // Drain host 3: its task moves.
                let third = try node(2)
                var spec = try #require(third.spec)
                spec.availability = .drain
                try await manager.nodes.update(third.id ?? "", spec, version: Int64(try #require(third.version?.index)))
                #expect(
                    try await SwarmFixture.eventually(30) {
                        !(try await SwarmFixture.runningNodes(manager, service: id)).contains(third.id ?? "")
                    })
                let drained = try await manager.nodes.inspect(third.id ?? "")
                spec.availability = .active
                try await manager.nodes.update(third.id ?? "", spec, version: Int64(try #require(drained.version?.index)))

                // Kill host 2's daemon: the node goes down and its task runs elsewhere.
                let second = try node(1)
                try await self.swarm.kill(host: 1)
                var sawDown = false
                #expect(
                    try await SwarmFixture.eventually(60) {
                        sawDown = try await manager.nodes.inspect(second.id ?? "").status?.state == .down
                        return sawDown
                    })
                let moved = try await withTimeout(120) {
                    try await manager.services.waitUntilConverged(id, options: .init(stabilityPeriod: .seconds(1)))
                }
                #expect(moved.phase == .converged)
                #expect(!(try await SwarmFixture.runningNodes(manager, service: id)).contains(second.id ?? ""))
                #expect(try await SwarmFixture.runningNodes(manager, service: id).count == 3)
                try await self.swarm.start(host: 1)
                #expect(try await SwarmFixture.eventually(60) { try await manager.nodes.inspect(second.id ?? "").status?.state == .ready })
                try await manager.services.remove(id)
            }
        }

        @Test func errorsCarryTheSwarmsReasons() async throws {
            try await self.swarm.withClients { clients in
                try await SwarmFixture.formed(self.swarm, clients)
                let manager = clients[0]
                // A node that is up is not removed without force.
                let worker = try #require(try await manager.nodes.list().first { $0.description?.hostname == self.swarm.hosts[1].hostname })
                let up = await #expect(throws: DockerError.self) { try await manager.nodes.remove(worker.id ?? "") }
                #expect(up?.message.contains("is not down") == true, "\(String(describing: up))")
                // A stale version is refused.
                let swarm = try await manager.swarm.inspect()
                let stale = await #expect(throws: DockerError.self) {
                    try await manager.swarm.update(try #require(swarm.spec), options: .init(version: 1))
                }
                #expect(stale?.message.contains("out of sequence") == true, "\(String(describing: stale))")
                // A manager does not leave without force.
                let leave = await #expect(throws: DockerError.self) { try await clients[2].swarm.leave() }
                #expect(leave?.message.contains("participating as a manager") == true, "\(String(describing: leave))")
                // A missing service, a bad id.
                #expect(
                    await (#expect(throws: DockerError.self) { try await manager.services.inspect("no-such-service") })?.category
                        == .notFound)
                #expect(await (#expect(throws: DockerError.self) { try await manager.services.inspect("..") })?.category == .invalidInput)
                // Joining a swarm twice.
                let twice = await #expect(throws: DockerError.self) {
                    try await SwarmFixture.join(self.swarm, clients, host: 1, token: "SWMTKN-1-0000")
                }
                #expect(twice?.message.contains("already part of a swarm") == true, "\(String(describing: twice))")
            }
        }

        @Test func autolockLocksARestartedManagerUntilUnlocked() async throws {
            try await self.swarm.withClients { clients in
                try await SwarmFixture.formed(self.swarm, clients)
                let manager = clients[0]
                var swarm = try await manager.swarm.inspect()
                var spec = try #require(swarm.spec)
                spec.encryptionConfig = .init(autoLockManagers: true)
                try await manager.swarm.update(spec, options: .init(version: Int64(try #require(swarm.version?.index))))
                let key = try #require(try await manager.swarm.unlockKey())
                #expect(key.hasPrefix("SWMKEY-"))

                // Host 3, a manager, restarts locked once it has encrypted its key.
                #expect(try await SwarmFixture.eventually(30) { try self.swarm.nodeKeyIsEncrypted(host: 2) })
                try await SwarmFixture.restartingThirdManager(self.swarm, clients) {
                    #expect(try await clients[2].system.info().swarm?.localNodeState == .locked)
                    await #expect(throws: DockerError.self) { try await clients[2].swarm.unlock(key: "SWMKEY-1-wrong") }
                    try await clients[2].swarm.unlock(key: key)
                    #expect(
                        try await SwarmFixture.eventually(30) { try await clients[2].system.info().swarm?.localNodeState == .active })
                }
                swarm = try await manager.swarm.inspect()
                spec = try #require(swarm.spec)
                spec.encryptionConfig = .init(autoLockManagers: false)
                try await manager.swarm.update(spec, options: .init(version: Int64(try #require(swarm.version?.index))))
                #expect(try await manager.swarm.unlockKey() == nil)
            }
        }
    }
}
