import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// The swarm commands through `stevedore` and through the docker CLI (the oracle only) on the
/// same 3-host swarm: output and exit codes must match once ids and times are masked.
extension OnTheSwarm {
    @Suite("Swarm commands against the docker CLI")
    struct SwarmCommandsTests {
        let swarm: TestSwarm
        let docker: CommandLineProcess
        let stevedore: CommandLineProcess

        init() async throws {
            self.swarm = try TestSwarm.required()
            var (docker, stevedore) = try #require(try await CommandLineProcess.oracleAndStevedore(), "the docker CLI is the oracle")
            let host = self.swarm.hosts[0].host.description
            docker.environment["DOCKER_HOST"] = host
            stevedore.environment["DOCKER_HOST"] = host
            (self.docker, self.stevedore) = (docker, stevedore)
        }

        /// Ids, durations and column padding differ between two runs by nature.
        static func masked(_ text: String) -> String {
            var text = text
            for (pattern, replacement) in [
                ("\\b[0-9a-z]{25}\\b", "<ID>"), ("\\b[0-9a-z]{12}\\b", "<ID>"),
                (
                    "([Ll]ess than a second|[Aa]bout a minute|[Aa]bout an hour|[0-9]+ (second|minute|hour|day|week|month|year)s?)",
                    "<DURATION>"
                ),
                (" {2,}", "  "), ("\\bdocker (service|node|swarm|secret|config)\\b", "stevedore $1"),
            ] {
                text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
            }
            return text
        }

        func expectSame(
            _ arguments: [String], environment: [String: String?] = [:], input: Data = Data(),
            sourceLocation: SourceLocation = #_sourceLocation
        ) async throws {
            let expected = try await self.docker.run(arguments, environment: environment, input: input)
            let actual = try await self.stevedore.run(arguments, environment: environment, input: input)
            #expect(actual.status == expected.status, "exit status of \(arguments): \(actual)\n\(expected)", sourceLocation: sourceLocation)
            #expect(
                Self.masked(actual.standardOutput) == Self.masked(expected.standardOutput), "stdout of \(arguments)",
                sourceLocation: sourceLocation)
            if expected.status != 0 {
                #expect(
                    Self.masked(actual.standardError) == Self.masked(expected.standardError), "stderr of \(arguments)",
                    sourceLocation: sourceLocation)
            }
        }

        @Test func listsInspectsAndErrorsMatchDocker() async throws {
            try await self.swarm.withClients { clients in try await SwarmFixture.formed(self.swarm, clients) }
            let service = SwarmFixture.uniqueName("cmp")
            let secret = SwarmFixture.uniqueName("cmp-secret")
            let config = SwarmFixture.uniqueName("cmp-config")
            let created = try await self.stevedore.run([
                "service", "create", "-d", "--name", service, "--replicas", "2", "--init", "--no-resolve-image", "-l",
                "stevedore-test=swarm",
                "--env", "A=1", "--restart-condition", "on-failure", "--update-parallelism", "2", "--limit-memory", "64m",
                SwarmFixture.image, "sleep", "300",
            ])
            #expect(created.status == 0, "\(created)")
            defer { Task { _ = try? await self.stevedore.run(["service", "rm", service]) } }
            #expect(try await self.stevedore.run(["secret", "create", "-l", "a=b", secret, "-"], input: Data("s3cr3t".utf8)).status == 0)
            #expect(try await self.stevedore.run(["config", "create", config, "-"], input: Data("line\n".utf8)).status == 0)
            _ = try await self.swarm.withClients { clients in
                try await clients[0].services.waitUntilConverged(service, options: .init(stabilityPeriod: .seconds(1)))
            }
            for arguments in [
                ["node", "ls"], ["node", "ls", "-q"], ["node", "ls", "--format", "{{.Hostname}} {{.Status}} {{.ManagerStatus}} {{.Self}}"],
                ["node", "ls", "--filter", "role=manager"], ["node", "inspect", "--pretty", "self"],
                ["node", "inspect", "--format", "{{.Description.Hostname}} {{.Spec.Role}}", "self"],
                ["service", "ls", "--filter", "name=\(service)"], ["service", "ls", "-q", "--filter", "label=stevedore-test=swarm"],
                ["service", "ps", service], ["service", "ps", "-q", service], ["service", "ps", "--no-trunc", "--no-resolve", service],
                ["service", "inspect", "--pretty", service],
                ["service", "inspect", "--format", "{{.Spec.Name}} {{.Spec.Mode.Replicated.Replicas}}", service],
                // Go's typed fields: times, durations, nil pointers, slices and maps, Go's names.
                [
                    "service", "inspect", "--format",
                    "{{.CreatedAt}}|{{.Spec.TaskTemplate.ContainerSpec.StopGracePeriod}}|{{.Spec.TaskTemplate.ContainerSpec.Init}}|"
                        + "{{.Spec.TaskTemplate.RestartPolicy.Delay}}|{{.Spec.TaskTemplate.RestartPolicy.MaxAttempts}}|"
                        + "{{.Spec.UpdateConfig.Monitor}}|{{.Spec.TaskTemplate.ContainerSpec.Mounts}}|{{.UpdateStatus}}|{{.JobStatus}}",
                    service,
                ],
                ["secret", "inspect", "--format", "{{.CreatedAt}}|{{.Spec.Data}}|{{json .Spec.Data}}|{{.Spec.Driver}}", secret],
                [
                    "config", "inspect", "--format", #"{{.UpdatedAt}}|{{.Spec.Data}}|{{.Spec.Templating}}|{{printf "%s" .Spec.Data}}"#,
                    config,
                ],
                ["node", "inspect", "--format", "{{.CreatedAt}}|{{.Spec.Labels}}|{{.Description.Engine.Labels}}", "self"],
                // Whole structs as Go prints them: embedded Meta and Annotations, Go's field order, String methods.
                ["node", "inspect", "--format", "{{.Spec}}|{{.Status}}|{{.Description.Platform}}|{{.ManagerStatus}}|{{.Version}}", "self"],
                [
                    "service", "inspect", "--format",
                    "{{.Spec.TaskTemplate.Resources.Limits}}|{{.Endpoint}}|{{.Spec.TaskTemplate.Placement}}|{{.Version}}", service,
                ],
                ["secret", "inspect", "--format", "{{.}}|{{.Spec}}", secret], ["config", "inspect", "--format", "{{.}}", config],
                // node and service inspect have no JSON to fall back to: Go's structs name what they lack.
                ["node", "inspect", "--format", "{{.Description.CSIInfo}}|{{.Spec.Nope}}", "self"],
                ["service", "inspect", "--format", "{{.PreviousSpec}}|{{.Nope}}", service],
                ["service", "inspect", "--format", "{{.JobStatus.Nope}}", service],
                ["inspect", "--format", "{{.Spec.Nope}}", service],
                ["info", "--format", "{{.Swarm.Cluster.Spec.Dispatcher.HeartbeatPeriod}}|{{.Swarm.Cluster.Spec.Raft.KeepOldSnapshots}}"],
                ["secret", "ls", "--filter", "name=\(secret)"], ["secret", "ls", "-q", "--filter", "label=a=b"],
                ["secret", "inspect", "--pretty", secret],
                ["config", "ls", "--filter", "name=\(config)"], ["config", "inspect", "--pretty", config],
                ["swarm", "join-token", "worker"], ["swarm", "join-token", "-q", "manager"],
                // Errors.
                ["service", "inspect", "no-such-service"], ["service", "ps", "no-such-service"], ["node", "inspect", "no-such-node"],
                ["service", "logs", "--since", "bogus", "no-such-service"], ["service", "logs", "--since", "2023-13-01", service],
                ["secret", "inspect", "no-such-secret"], ["swarm", "join-token", "nobody"], ["service", "scale", "nonsense"],
                ["service", "scale", "\(service)=x"], ["swarm", "leave"], ["secret", "rm", "no-such-secret"],
            ] {
                try await self.expectSame(arguments)
            }
            // config.json's formats, where docker uses them: without --format and -q.
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "stevedore-swarmcfg-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let settings = [
                "servicesFormat": "services: {{.Name}} {{.Replicas}}", "tasksFormat": "table tasks: {{.Name}}\t{{.DesiredState}}",
                "nodesFormat": "nodes: {{.Hostname}}", "secretFormat": "secrets: {{.Name}}", "configFormat": "configs: {{.Name}}",
                "serviceInspectFormat": "pretty",
            ]
            try JSONEncoder().encode(settings).write(to: directory.appendingPathComponent("config.json"))
            for arguments in [
                ["service", "ls", "--filter", "name=\(service)"], ["service", "ls", "-q", "--filter", "name=\(service)"],
                ["service", "ls", "--format", "{{.ID}}", "--filter", "name=\(service)"], ["service", "ps", service],
                ["service", "ps", "-q", service], ["node", "ls"], ["node", "ls", "-q"], ["node", "ps", "--filter", "name=\(service)"],
                ["secret", "ls", "--filter", "name=\(secret)"], ["config", "ls", "--filter", "name=\(config)"],
                ["service", "inspect", service], ["service", "inspect", "--format", "{{.Spec.Name}}", service],
            ] {
                try await self.expectSame(arguments, environment: ["DOCKER_CONFIG": directory.path])
            }
            // Changes, each tool on its own service; detached, their output is deterministic.
            for tool in [self.docker, self.stevedore] {
                let name = SwarmFixture.uniqueName("change")
                let create = try await tool.run([
                    "service", "create", "-d", "--name", name, "--init", "--no-resolve-image", SwarmFixture.image, "sleep", "300",
                ])
                #expect(create.status == 0, "\(create)")
                let scale = try await tool.run(["service", "scale", "-d", "\(name)=2"])
                #expect(scale.standardOutput == "\(name) scaled to 2\n", "\(scale)")
                let update = try await tool.run(["service", "update", "-d", "--env-add", "B=2", "--label-add", "x=y", name])
                #expect(update.standardOutput == "\(name)\n", "\(update)")
                let spec = try await tool.run([
                    "service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Env}} {{.Spec.Labels}}", name,
                ])
                #expect(spec.standardOutput == "[B=2] map[x:y]\n", "\(spec)")
                let rollback = try await tool.run(["service", "rollback", "-d", name])
                #expect(rollback.standardOutput == "\(name)\n", "\(rollback)")
                #expect(try await tool.run(["service", "rm", name]).standardOutput == "\(name)\n")
            }
            #expect(try await self.stevedore.run(["secret", "rm", secret]).standardOutput == "\(secret)\n")
            #expect(try await self.stevedore.run(["config", "rm", config]).standardOutput == "\(config)\n")
        }

        /// Cluster volumes (a CSI plugin's; none is installed, so they stay pending): `volume
        /// create`'s cluster flags make the spec docker makes, `volume ls --cluster` lists them
        /// in docker's layout, `volume update --availability` changes them, and a local volume
        /// is refused an update in docker's words.
        @Test func clusterVolumesMatchDocker() async throws {
            try await self.swarm.withClients { clients in try await SwarmFixture.formed(self.swarm, clients) }
            let prefix = SwarmFixture.uniqueName("cv")
            let flags = [
                "--driver", "csi-none", "--scope", "multi", "--sharing", "all", "--type", "mount", "--limit-bytes", "1g",
                "--required-bytes", "1m", "--topology-required", "zone=a,rack=b", "--topology-preferred", "zone=c", "--group", "g",
            ]
            var specs: [String] = []
            for (tool, name) in [(self.docker, prefix + "-d"), (self.stevedore, prefix + "-s")] {
                let created = try await tool.run(["volume", "create"] + flags + [name])
                #expect(created.status == 0 && created.standardOutput == name + "\n", "\(created)")
                specs.append(try await self.docker.run(["volume", "inspect", "-f", "{{json .ClusterVolume.Spec}}", name]).standardOutput)
            }
            #expect(specs[0] == specs[1] && specs[0].contains(#""Availability":"active""#), "\(specs)")
            try await self.expectSame(["volume", "ls", "--cluster", "--filter", "name=\(prefix)"])
            for (tool, name) in [(self.docker, prefix + "-d"), (self.stevedore, prefix + "-s")] {
                let updated = try await tool.run(["volume", "update", "--availability", "drain", name])
                #expect(updated.status == 0 && updated.standardOutput.isEmpty, "\(updated)")
            }
            try await self.expectSame(["volume", "ls", "--cluster", "-q", "--filter", "name=\(prefix)"])
            try await self.expectSame(["volume", "ls", "--format", "{{.Name}} {{.Availability}}", "--filter", "name=\(prefix)"])
            _ = try await self.docker.run(["volume", "create", prefix + "-local"])
            try await self.expectSame(["volume", "update", "--availability", "drain", prefix + "-local"])
            _ = try await self.docker.run(["volume", "rm", prefix + "-local", prefix + "-d", prefix + "-s"])
        }

        /// `swarm ca` prints the root and refuses what docker refuses, in its words; a rotation
        /// off a terminal prints docker's progress (the digest line at each look, the counted
        /// lines dropped) and then the new root; `-d` returns at once and `-q` prints nothing.
        @Test func caDisplaysAndRotatesTheRootAsDocker() async throws {
            try await self.swarm.withClients { clients in
                try await SwarmFixture.formed(self.swarm, clients)
                let client = clients[0]
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-ca-\(UUID().uuidString.prefix(8))")
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: directory) }
                let certificate = directory.appendingPathComponent("root.pem")
                try Data(try #require(try await client.swarm.inspect().tlsInfo?.trustRoot).utf8).write(to: certificate)
                let notPEM = directory.appendingPathComponent("key.txt")
                try Data("not a key\n".utf8).write(to: notPEM)
                for arguments in [
                    ["swarm", "ca"], ["swarm", "ca", "--cert-expiry", "48h"], ["swarm", "ca", "--ca-cert", certificate.path],
                    ["swarm", "ca", "--rotate", "--ca-cert", certificate.path],
                    ["swarm", "ca", "--rotate", "--external-ca", "protocol=cfssl,url=https://ca.example.com"],
                ] {
                    try await self.expectSame(arguments)
                }
                // A file flag's refusal: docker's first line and exit code (docker adds its usage).
                for arguments in [
                    ["swarm", "ca", "--rotate", "--ca-cert", "/nonexistent/root.pem"],
                    ["swarm", "ca", "--rotate", "--ca-key", notPEM.path],
                ] {
                    let (expected, actual) = (try await self.docker.run(arguments), try await self.stevedore.run(arguments))
                    #expect(actual.status == 125 && expected.status == 125, "\(actual)")
                    #expect(actual.standardError.prefix { $0 != "\n" } == expected.standardError.prefix { $0 != "\n" }, "\(actual)")
                }
                var shapes: [String] = []
                for tool in [self.docker, self.stevedore] {
                    let rotated = try await withTimeout(240) { try await tool.run(["swarm", "ca", "--rotate"]) }
                    #expect(rotated.status == 0, "\(rotated)")
                    let root = try #require(try await client.swarm.inspect().tlsInfo?.trustRoot)
                    #expect(rotated.standardOutput.hasSuffix(root.trimmingCharacters(in: .whitespacesAndNewlines) + "\n"), "\(rotated)")
                    shapes.append(Self.rotationShape(rotated.standardOutput))
                }
                #expect(shapes[1] == shapes[0])
                let detached = try await self.stevedore.run(["swarm", "ca", "--rotate", "-d"])
                #expect(detached.status == 0 && detached.standardOutput.isEmpty, "\(detached)")
                let quiet = try await withTimeout(240) { try await self.stevedore.run(["swarm", "ca", "--rotate", "-q"]) }
                #expect(quiet.status == 0 && quiet.standardOutput.isEmpty, "\(quiet)")
                var looks = 0
                _ = try await client.swarm.waitUntilRootRotationConverged { _ in looks += 1 }
                #expect(looks == 1, "-q returns once the rotation converged")
            }
        }

        /// A rotation's output with its digests and root masked and repeated lines once: how
        /// many looks a rotation takes varies.
        static func rotationShape(_ output: String) -> String {
            var lines: [String] = []
            let masked = output.replacingOccurrences(of: "sha256:[0-9a-f]{64}", with: "sha256:<DIGEST>", options: .regularExpression)
                .replacingOccurrences(
                    of: "-----BEGIN CERTIFICATE-----[^-]*-----END CERTIFICATE-----", with: "<ROOT>", options: .regularExpression)
            for line in masked.split(separator: "\n", omittingEmptySubsequences: false) where lines.last != String(line) {
                lines.append(String(line))
            }
            return lines.joined(separator: "\n")
        }

        @Test func createShowsDockersProgressOffATerminal() async throws {
            try await self.swarm.withClients { clients in try await SwarmFixture.formed(self.swarm, clients) }
            let name = SwarmFixture.uniqueName("progress")
            let outcome = try await self.stevedore.run([
                "service", "create", "--name", name, "--replicas", "3", "--init", "--no-resolve-image", SwarmFixture.image, "sleep", "300",
            ])
            defer { Task { _ = try? await self.stevedore.run(["service", "rm", name]) } }
            #expect(outcome.status == 0, "\(outcome)")
            let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines.first?.count == 25, "the id first: \(lines)")
            #expect(lines.contains("overall progress: 3 out of 3 tasks"))
            #expect(lines.contains("verify: Waiting 5 seconds to verify that tasks are stable..."))
            #expect(lines.last == "verify: Service \(lines.first ?? "") converged")
        }

        /// On a terminal (tmux's) the convergence progress is redrawn in place: once both tools
        /// have created the same service, their screens hold the same lines, each task's once.
        @Test func createRedrawsDockersProgressOnATerminal() async throws {
            try await self.swarm.withClients { clients in try await SwarmFixture.formed(self.swarm, clients) }
            let tmux = try #require(CommandLineProcess.onPath("tmux"), "tmux renders the terminal (scripts/test installs it)")
            var screens: [String] = []
            for tool in [self.docker, self.stevedore] {
                let name = SwarmFixture.uniqueName("tty")
                defer { Task { _ = try? await self.stevedore.run(["service", "rm", name]) } }
                let screen = try await TerminalScreen.final(
                    of: tool,
                    [
                        "service", "create", "--name", name, "--replicas", "3", "--init", "--no-resolve-image", SwarmFixture.image, "sleep",
                        "300",
                    ],
                    tmux: tmux)
                screens.append(
                    Self.masked(screen).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n"))
            }
            #expect(screens[1] == screens[0], "stevedore's screen:\n\(screens[1])\ndocker's:\n\(screens[0])")
            let lines = screens[1].split(separator: "\n")
            #expect(lines.filter { $0.hasPrefix("overall progress:") } == ["overall progress: 3 out of 3 tasks"], "\(screens[1])")
            #expect(lines.filter { $0.hasPrefix("1/3: ") }.count == 1, "\(screens[1])")
            #expect(lines.last == "verify: Service <ID> converged", "\(screens[1])")
        }

        @Test func serviceLogsNameTheTaskAndNodeOfEachLine() async throws {
            try await self.swarm.withClients { clients in try await SwarmFixture.formed(self.swarm, clients) }
            let name = SwarmFixture.uniqueName("logs")
            let created = try await self.stevedore.run([
                "service", "create", "-d", "--name", name, "--mode", "global", "--init", "--no-resolve-image", SwarmFixture.image,
                "sh", "-c", "echo out; echo err >&2; sleep 300",
            ])
            #expect(created.status == 0, "\(created)")
            defer { Task { _ = try? await self.stevedore.run(["service", "rm", name]) } }
            try await self.swarm.withClients { clients in
                try await clients[0].services.waitUntilConverged(name, options: .init(stabilityPeriod: .seconds(1)))
                // Every host's lines have reached the logs before the tools read them.
                #expect(
                    try await SwarmFixture.eventually(30) {
                        try await clients[0].services.logs(name).collect(upTo: 1 << 20).stdoutText.split(separator: "\n").count == 3
                    })
            }
            func lines(_ text: String) -> [String] { Self.masked(text).split(separator: "\n").map(String.init).sorted() }
            // The task's id short by default, whole with --no-trunc, as docker's.
            for (arguments, idLength) in [(["service", "logs", name], 12), (["service", "logs", "--no-trunc", name], 25)] {
                let outcome = try await self.stevedore.run(arguments)
                let ids = outcome.standardOutput.split(separator: "\n").map { $0.prefix { $0 != "@" }.split(separator: ".").last ?? "" }
                #expect(ids.count == 3 && ids.allSatisfy { $0.count == idLength }, "\(outcome)")
            }
            for arguments in [
                ["service", "logs", name], ["service", "logs", "--no-trunc", name], ["service", "logs", "--no-task-ids", name],
                ["service", "logs", "--raw", name],
            ] {
                let expected = try await self.docker.run(arguments)
                let actual = try await self.stevedore.run(arguments)
                #expect(actual.status == expected.status, "\(actual)")
                // Lines from different hosts arrive in any order.
                #expect(lines(actual.standardOutput) == lines(expected.standardOutput), "\(actual)\n\(expected)")
                #expect(lines(actual.standardError) == lines(expected.standardError), "\(actual)\n\(expected)")
            }
        }
    }
}
