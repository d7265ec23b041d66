import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// `create`/`run` flags against a real engine: what `stevedore create` sends is what inspect
/// shows, the same as the docker CLI (the oracle only) makes of the same flags, and `--pull`
/// and `-a` behave as docker's.
@Suite(
    "create and run flags on the engine",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() }
)
struct ContainerFlagsEngineTests {
    /// A representative set of the flags, with a bind source and an environment file made for
    /// the test (and removed after it).
    static func withFlags<Result>(_ body: ([String]) async throws -> Result) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-flags-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let envFile = directory.appendingPathComponent("env")
        try "# settings\nMODE=test\n  SPACED=a b \n".write(to: envFile, atomically: true, encoding: .utf8)
        return try await body([
            "--mount", "type=bind,src=\(directory.path),dst=/host,ro", "--mount", "type=tmpfs,dst=/scratch,tmpfs-size=16m,tmpfs-mode=1770",
            "--ulimit", "nofile=1024:2048", "--health-cmd", "true", "--health-interval", "1m30s", "--health-retries", "2",
            "--env-file", envFile.path, "-e", "EXTRA=1", "--label-file", envFile.path, "--sysctl", "net.ipv4.ip_forward=1",
            "--shm-size", "32m", "--pids-limit", "64", "--group-add", "10", "--dns-search", "example.com", "--dns-option", "ndots:2",
            "--log-driver", "json-file", "--log-opt", "max-size=1m", "--domainname", "example.org", "-m", "64m", "--memory-swap", "128m",
            "--memory-reservation", "32m", "--cpu-period", "100000", "--cpu-quota", "50000", "--oom-kill-disable", "--cpuset-cpus", "0",
            "--security-opt", "no-new-privileges", "--cgroup-parent", "stevedore-flags", "--ipc", "private", "--uts", "host",
            "--cgroupns", "private", "--device", "/dev/null:/dev/other-null:rw", "--stop-signal", "SIGINT", "-a", "stdout", "--runtime",
            "runc",
        ])
    }

    @Test func inspectShowsWhatTheFlagsSet() async throws {
        try await Self.withFlags { flags in
            try await TestEngine.withResources { client, resources in
                let created = try await CommandLineProcess.stevedore.run(
                    ["create", "-q", "--pull", "never"] + flags + [TestEngine.image, "true"])
                #expect(created.status == 0, "\(created)")
                let id = created.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
                resources.container(id)
                let inspected = try await client.containers.inspect(id)
                let host = try #require(inspected.hostConfig)
                let config = try #require(inspected.config)
                #expect(host.mounts?.map(\.type) == [.bind, .tmpfs])
                #expect(host.mounts?.first?.readOnly == true)
                #expect(host.mounts?.last?.tmpfsOptions == .init(sizeBytes: 16 << 20, mode: 0o1770))
                #expect(host.ulimits == [.init(name: "nofile", soft: 1024, hard: 2048)])
                #expect(config.healthcheck == HealthConfig(test: ["CMD-SHELL", "true"], interval: 90_000_000_000, retries: 2))
                #expect(
                    config.env?.contains("MODE=test") == true && config.env?.contains("SPACED=a b ") == true
                        && config.env?.contains("EXTRA=1") == true)
                #expect(config.labels?["MODE"] == "test")
                #expect(host.sysctls == ["net.ipv4.ip_forward": "1"])
                #expect(host.shmSize == 32 << 20)
                #expect(host.pidsLimit == 64)
                #expect(host.groupAdd == ["10"])
                #expect(host.dnsSearch == ["example.com"] && host.dnsOptions == ["ndots:2"])
                #expect(host.logConfig == .init(type: .jsonFile, config: ["max-size": "1m"]))
                #expect(config.domainname == "example.org")
                #expect(host.memory == 64 << 20 && host.memorySwap == 128 << 20 && host.memoryReservation == 32 << 20)
                #expect(host.cpuPeriod == 100_000 && host.cpuQuota == 50_000 && host.cpusetCpus == "0")
                #expect(host.oomKillDisable == true)
                #expect(host.securityOpt == ["no-new-privileges"])
                #expect(
                    host.cgroupParent == "stevedore-flags" && host.ipcMode == "private" && host.utsMode == "host"
                        && host.cgroupnsMode == .private)
                #expect(host.devices == [.init(pathOnHost: "/dev/null", pathInContainer: "/dev/other-null", cgroupPermissions: "rw")])
                #expect(config.stopSignal == "SIGINT")
                #expect(config.attachStdout == true && config.attachStderr == false)
            }
        }
    }

    @Test func theSameFlagsMakeTheSameContainerAsDocker() async throws {
        let (docker, stevedore) = try #require(
            try await CommandLineProcess.oracleAndStevedore(), "the docker CLI is the oracle of this test")
        try await Self.withFlags { flags in
            try await TestEngine.withResources { _, resources in
                var shown: [String] = []
                for tool in [docker, stevedore] {
                    let created = try await tool.run(
                        ["create", "-q"] + flags + [
                            "-P", "--expose", "80", "--restart", "on-failure:2", "--gpus", #""device=0,1",capabilities=compute"#,
                            TestEngine.image, "true",
                        ])
                    #expect(created.status == 0, "\(created)")
                    let id = created.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
                    resources.container(id)
                    let inspected = try await docker.run(["inspect", "--format", "{{json .HostConfig}}\n{{json .Config}}", id])
                    #expect(inspected.status == 0 && inspected.standardOutput.contains("\"Ulimits\":[{"), "\(inspected)")
                    // The host name defaults to the container's short id.
                    shown.append(inspected.standardOutput.replacingOccurrences(of: id.prefix(12), with: "<ID>"))
                }
                #expect(shown[1] == shown[0])
            }
        }
    }

    @Test func pullNeverDoesNotPullAndMissingPullsAsDocker() async throws {
        // A registry that refuses connections at once: pulling from it fails fast.
        let image = "127.0.0.1:1/stevedore-flags/missing-\(UUID().uuidString.prefix(8).lowercased())"
        let never = try await CommandLineProcess.stevedore.run(["create", "--pull", "never", image])
        #expect(never.status == 1)
        #expect(never.standardError.contains("No such image: \(image):latest"), "\(never)")
        #expect(!never.standardError.contains("Unable to find image"), "\(never)")
        let missing = try await CommandLineProcess.stevedore.run(["create", image])
        #expect(missing.status == 1)
        #expect(missing.standardError.hasPrefix("Unable to find image '\(image):latest' locally\n"), "\(missing)")
        #expect(missing.standardError.contains("connection refused"), "\(missing)")
        #expect(missing.standardOutput.isEmpty)
        let quiet = try await CommandLineProcess.stevedore.run(["create", "-q", image])
        #expect(!quiet.standardError.contains("Unable to find image"), "\(quiet)")
        let always = try await CommandLineProcess.stevedore.run(["create", "--pull", "always", image])
        #expect(always.status == 1 && always.standardError.contains("connection refused"), "\(always)")
    }

    @Test func runAttachesOnlyTheStreamsNamedByAttach() async throws {
        let name = "stevedore-flags-attach-\(UUID().uuidString.prefix(8).lowercased())"
        let outcome = try await CommandLineProcess.stevedore.run(
            ["run", "--rm", "--name", name, "-a", "stderr", TestEngine.image, "sh", "-c", "echo out; echo err >&2"])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.standardOutput == "")
        #expect(outcome.standardError == "err\n")
        // `-a stdin` attaches stdin without `-i`, as docker's: its TTY check applies.
        let notATerminal = try await CommandLineProcess.stevedore.run(["run", "--rm", "-a", "stdin", "-t", TestEngine.image, "true"])
        #expect(notATerminal.status == 1)
        #expect(notATerminal.standardError == "the input device is not a TTY\n")
        let conflicting = try await CommandLineProcess.stevedore.run(["run", "-d", "-a", "stdout", TestEngine.image, "true"])
        #expect(conflicting.status == 1)
        #expect(conflicting.standardError == "conflicting options: cannot specify both --attach and --detach\n")
    }

    /// The networking flags make the same endpoints as docker's: aliases, static addresses,
    /// links on a user-defined network, the long syntax, several networks (refused by dockerd
    /// 20.10 in the same words, made from API 1.44).
    @Test func networkFlagsMakeTheSameEndpointsAsDocker() async throws {
        let (docker, stevedore) = try #require(
            try await CommandLineProcess.oracleAndStevedore(), "the docker CLI is the oracle of this test")
        let scope = "stevedore-netflags-\(UUID().uuidString.prefix(8).lowercased())"
        let prefix = "10.\(Int.random(in: 128...254)).\(Int.random(in: 0...254))"
        try await TestEngine.withResources { client, resources in
            let (a, b, linked) = (scope + "-a", scope + "-b", scope + "-linked")
            for network in [a, b] { resources.network(network) }
            _ = try await client.networks.create(
                NetworkCreateRequest(name: a, ipam: IPAM(config: [IPAMConfig(subnet: "\(prefix).0/24", gateway: "\(prefix).1")])))
            _ = try await client.networks.create(NetworkCreateRequest(name: b))
            resources.container(
                try await client.containers.create(ContainerCreateBody(image: TestEngine.image), options: .init(name: linked)).id)
            // The second set joins two networks, which only API 1.44 and later take at create.
            let flagSets = [
                (
                    [
                        "--network", a, "--network-alias", "web", "--ip", "\(prefix).10", "--link", "\(linked):db", "--link-local-ip",
                        "169.254.10.1",
                    ], true
                ),
                (["--net", "name=\(a),alias=x,driver-opt=com.example.k=v,ip=\(prefix).11", "--network", b], false),
            ]
            for (flags, createdOnEveryEngine) in flagSets {
                var shown: [String] = []
                for (tool, toolName) in [(docker, "docker"), (stevedore, "stevedore")] {
                    let name = "\(scope)-\(toolName)"
                    let created = try await tool.run(["create", "-q", "--name", name] + flags + [TestEngine.image, "true"])
                    guard created.status == 0 else {
                        // The daemon names the networks in its map's order: compare the words.
                        let words = Set(created.standardError.split(whereSeparator: { " ,\n".contains($0) })).sorted()
                        shown.append("exit \(created.status): \(words)")
                        continue
                    }
                    resources.container(name)
                    let inspected = try await docker.run([
                        "inspect", "--format",
                        "{{json .HostConfig.NetworkMode}} {{json .HostConfig.Links}} {{json .NetworkSettings.Networks}}",
                        name,
                    ])
                    #expect(inspected.status == 0, "\(inspected)")
                    shown.append(inspected.standardOutput.replacingOccurrences(of: name, with: "<NAME>"))
                    _ = try await docker.run(["rm", name])
                }
                #expect(shown.count == 2 && shown[1] == shown[0], "\(flags): \(shown)")
                #expect(!createdOnEveryEngine || shown.first?.hasPrefix("exit") == false, "\(shown)")
            }
        }
    }

    /// `--mac-address` works on every API version (container-wide before 1.44, on the endpoint
    /// from it); `gw-priority` needs 1.48 and is refused before any request below it.
    @Test func aMACAddressAndGatewayPriorityFollowTheAPIVersion() async throws {
        let scope = "stevedore-netmac-\(UUID().uuidString.prefix(8).lowercased())"
        try await TestEngine.withResources { client, resources in
            resources.network(scope)
            _ = try await client.networks.create(NetworkCreateRequest(name: scope))
            let version = try await client.apiVersion()
            let mac = "02:42:ac:11:00:09"
            let created = try await CommandLineProcess.stevedore.run(
                ["create", "-q", "--network", scope, "--mac-address", mac, TestEngine.image, "true"])
            #expect(created.status == 0, "\(created)")
            let id = created.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            resources.container(id)
            let inspected = try await client.containers.inspect(id)
            let shown =
                version >= APIVersion(1, 44) ? inspected.networkSettings?.networks?[scope]?.macAddress : inspected.config?.macAddress
            #expect(shown == mac)
            let prioritised = try await CommandLineProcess.stevedore.run(
                ["create", "-q", "--network", "name=\(scope),gw-priority=5", TestEngine.image, "true"])
            if version >= APIVersion(1, 48) {
                #expect(prioritised.status == 0, "\(prioritised)")
                let id = prioritised.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
                resources.container(id)
                #expect(try await client.containers.inspect(id).networkSettings?.networks?[scope]?.gwPriority == 5)
            } else {
                #expect(prioritised.status == 1 && prioritised.standardError.contains("GwPriority"), "\(prioritised)")
            }
        }
    }
}
