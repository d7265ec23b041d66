import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// The network and volume commands through `stevedore` and through the docker CLI (the oracle
/// only) against the same engine: output and exit codes must match once ids are masked.
/// Everything is scoped by a unique label or name: other tests run meanwhile, and prune may
/// only ever touch what this test made.
@Suite(
    "network and volume commands against the docker CLI",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() }
)
struct NetworkVolumeDifferentialTests {
    let oracle: CLIOracle
    let scope = "stevedore-nvdiff-\(UUID().uuidString.prefix(8).lowercased())"

    init() async throws {
        self.oracle = try await CLIOracle()
    }

    @Test func networkCommandsMatchDocker() async throws {
        // Prunes take turns: the daemon refuses one while another runs.
        try await TestEngine.withPruneTurn {
            let prefix = "10.\(Int.random(in: 128...254)).\(Int.random(in: 0...254))"
            try await TestEngine.withResources { client, resources in
                let a = self.scope + "-a"
                let b = self.scope + "-b"
                for name in [a, b, self.scope + "-made", self.scope + "-pruned"] { resources.network(name) }
                _ = try await client.networks.create(
                    NetworkCreateRequest(
                        name: a, ipam: IPAM(config: [IPAMConfig(subnet: "\(prefix).0/24", gateway: "\(prefix).1")]),
                        labels: ["scope": self.scope]))
                _ = try await client.networks.create(NetworkCreateRequest(name: b, internal: true, labels: ["scope": self.scope]))
                let filter = "label=scope=\(self.scope)"
                let missing = self.scope + "-missing"
                for arguments in [
                    ["network", "ls", "--filter", filter],
                    ["network", "ls", "-q", "--filter", filter],
                    // docker's raw layout, its key kept with -q.
                    ["network", "ls", "--filter", filter, "--format", "raw"],
                    ["network", "ls", "-q", "--filter", filter, "--format", "raw"],
                    ["network", "ls", "--filter", filter, "--format", #"table {{.Name}}\t{{.Label "scope"}}|{{.Label "nope"}}"#],
                    ["network", "ls", "--no-trunc", "--filter", filter],
                    ["network", "list", "--format", "json", "--filter", filter],
                    [
                        "network", "ls", "--filter", filter, "--format",
                        "table {{.Name}}\t{{.IPv4}}\t{{.IPv6}}\t{{.Internal}}\t{{.Labels}}\t{{.CreatedAt}}",
                    ],
                    ["network", "ls", "-q", "--format", "{{.Name}}", "--filter", filter],
                    [
                        "network", "ls", "--filter", "name=\(self.scope)", "--filter", "driver=bridge", "--filter", "type=custom",
                        "--format", "{{.Name}}",
                    ],
                    ["network", "ls", "--filter", "dangling=maybe"],
                    ["network", "ls", "--filter", "foo=bar"],
                    [
                        "network", "inspect", "--format",
                        "{{.Name}} {{.Driver}} {{.Scope}} {{.Internal}} {{.Labels}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}",
                        a,
                    ],
                    ["network", "inspect", "-f", "{{.Name}}", a, b],
                    // A time is printed as Go prints it before Go's escapers see it.
                    ["network", "inspect", "-f", "{{urlquery .Created}}|{{html .Created .Name}}", a],
                    // Typed maps: a missing key is no error, empty maps of models included.
                    ["network", "inspect", "-f", #"{{.Containers.nope}}|{{.Options.nope}}|{{index .Labels "nope"}}"#, a],
                    ["network", "inspect", a, b],
                    ["network", "inspect", missing],
                    ["network", "inspect", "-f", "{{.Name}}", a, missing],
                    ["network", "inspect", "-f", "{{.Name}}", missing],
                    ["network", "rm", missing],
                    ["network", "rm", "-f", missing],
                    ["network", "disconnect", a, missing],
                    ["network", "create", a],
                    ["network", "create", "--subnet", "10.1.0.0/16", "--gateway", "10.2.0.1", missing],
                    ["network", "create", "--gateway", "10.2.0.1", missing],
                    ["network", "create", "--subnet", "not-a-subnet", missing],
                    // String slice flags: a value is a CSV record (the bridge driver then refuses two
                    // subnets, and docker itself a gateway without a subnet).
                    ["network", "create", "--subnet", "10.77.0.0/24,10.77.1.0/24", missing],
                    ["network", "create", "--subnet", "10.77.0.0/24", "--gateway", "10.77.0.1,10.77.1.1", missing],
                    ["network", "prune", "-f", "--filter", "foo=bar"],
                    ["network", "prune", "-f", "--filter", "label=\(missing)"],
                ] {
                    try await self.oracle.expectSame(arguments)
                }
                // docker prints a network's creation time in the daemon's offset, not the local zone's.
                try await self.oracle.expectSame(
                    ["network", "ls", "--filter", filter, "--format", "{{.Name}} {{.CreatedAt}}"], environment: ["TZ": "Asia/Kathmandu"])
                try await self.oracle.expectSame(["network", "prune", "--filter", "label=\(missing)"], input: Data("n\n".utf8))
                // docker adds its usage after the message.
                try await self.oracle.expectSame(["network", "create", "--subnet", #"10.1.0.0/16,"10.2"#, missing], compareErrors: false)
                // docker's connect sends empty IPAM settings, aliases and driver options, which
                // the daemon keeps: inspect shows `{}` and `[]` (20.10 adds the short id as an
                // alias), not null.
                let endpoint =
                    #"{{with index .NetworkSettings.Networks "\#(b)"}}"#
                    + "{{json .IPAMConfig}}|{{json .Aliases}}|{{json .DriverOpts}}{{end}}"
                var endpoints: [String] = []
                for tool in [self.oracle.docker, self.oracle.stevedore] {
                    let container = try await client.containers.create(ContainerCreateBody(image: TestEngine.image)).id
                    resources.container(container)
                    let connect = try await tool.run(["network", "connect", b, container])
                    #expect(connect.status == 0, "\(connect)")
                    let inspect = try await self.oracle.docker.run(["inspect", "-f", endpoint, container])
                    endpoints.append(inspect.standardOutput.replacing(String(container.prefix(12)), with: "<ID>"))
                }
                #expect(endpoints[0] == endpoints[1] && endpoints[0].hasPrefix("{}|[") && endpoints[0].hasSuffix("]|{}\n"), "\(endpoints)")
                // Create, remove and prune, each tool in turn, with the same names.
                for tool in [self.oracle.docker, self.oracle.stevedore] {
                    let outputs = try await Self.outcomes(
                        of: [
                            ["network", "create", "--label", "scope=\(self.scope)", "--internal", self.scope + "-made"],
                            ["network", "rm", self.scope + "-made", missing],
                            ["network", "create", "--label", "prune=\(self.scope)", self.scope + "-pruned"],
                            ["network", "prune", "-f", "--filter", "label=prune=\(self.scope)"],
                        ], with: tool)
                    #expect(
                        outputs == [
                            "0|<ID>\n|",
                            "1|\(self.scope)-made\n|Error response from daemon: network \(missing) not found\nexit status 1\n",
                            "0|<ID>\n|",
                            "0|Deleted Networks:\n\(self.scope)-pruned\n\n|",
                        ], "\(tool.executable.lastPathComponent)")
                }
            }
        }
    }

    @Test func volumeCommandsMatchDocker() async throws {
        // Prunes take turns: the daemon refuses one while another runs.
        try await TestEngine.withPruneTurn {
            try await TestEngine.withResources { client, resources in
                let first = self.scope + "-v1"
                let second = self.scope + "-v2"
                for name in [first, second, self.scope + "-made", self.scope + "-pruned"] { resources.volume(name) }
                _ = try await client.volumes.create(
                    VolumeCreateRequest(name: first, driverOpts: ["type": "tmpfs", "device": "tmpfs"], labels: ["scope": self.scope]))
                _ = try await client.volumes.create(VolumeCreateRequest(name: second, labels: ["scope": self.scope]))
                let filter = "label=scope=\(self.scope)"
                let missing = self.scope + "-missing"
                for arguments in [
                    ["volume", "ls", "--filter", filter],
                    ["volume", "ls", "-q", "--filter", filter],
                    ["volume", "ls", "--filter", filter, "--format", "raw"],
                    ["volume", "ls", "-q", "--filter", filter, "--format", "raw"],
                    ["volume", "ls", "--filter", filter, "--format", #"table {{.Name}}\t{{.Label "scope"}}|{{.Label "nope"}}"#],
                    ["volume", "list", "--format", "json", "--filter", filter],
                    [
                        "volume", "ls", "--filter", filter, "--format",
                        "table {{.Name}}\t{{.Labels}}\t{{.Mountpoint}}\t{{.Scope}}\t{{.Size}}\t{{.Links}}",
                    ],
                    [
                        "volume", "ls", "--filter", "name=\(self.scope)", "--filter", "driver=local", "--filter", "dangling=true",
                        "--format", "{{.Name}}",
                    ],
                    ["volume", "ls", "--filter", "dangling=maybe"],
                    ["volume", "ls", "--filter", "foo=bar"],
                    ["volume", "inspect", "--format", "{{.Name}} {{.Driver}} {{.Labels}} {{.Options}} {{.Scope}}", first],
                    ["volume", "inspect", "-f", "{{.Name}}", first, second],
                    // No fallback to the daemon's JSON: Go's struct names what it lacks.
                    ["volume", "inspect", "-f", "{{.Nope}}", first],
                    ["volume", "inspect", "-f", "{{.UsageData.Size}}", first], ["volume", "inspect", "-f", "{{.UsageData.Nope}}", first],
                    ["inspect", "-f", "{{.UsageData.Size}}|{{.Nope}}", first],
                    ["volume", "inspect", first, second],
                    ["volume", "inspect", missing],
                    ["volume", "inspect", "--format", "{{.Name}}", missing],
                    ["volume", "rm", missing],
                    ["volume", "rm", "-f", missing],
                    ["volume", "create", "bad name"],
                    ["volume", "prune", "-f", "--filter", "until=1h"],
                    ["volume", "prune", "-f", "--filter", "label=\(missing)"],
                    ["volume", "prune", "--all", "-f", "--filter", "label=\(missing)"],
                ] {
                    try await self.oracle.expectSame(arguments)
                }
                try await self.oracle.expectSame(["volume", "prune", "--filter", "label=\(missing)"], input: Data("n\n".utf8))
                let pruneAll = try await TestEngine.withClient { try await $0.apiVersion() } >= APIVersion(1, 42) ? ["--all"] : []
                for tool in [self.oracle.docker, self.oracle.stevedore] {
                    let outputs = try await Self.outcomes(
                        of: [
                            [
                                "volume", "create", "--label", "scope=\(self.scope)", "-o", "type=tmpfs", "-o", "device=tmpfs",
                                self.scope + "-made",
                            ],
                            ["volume", "inspect", "-f", "{{.Labels}} {{.Options}}", self.scope + "-made"],
                            ["volume", "rm", self.scope + "-made", missing],
                            ["volume", "create", "--label", "prune=\(self.scope)", self.scope + "-pruned"],
                            // No options given, none sent: the volume's are null, not {}.
                            ["volume", "inspect", "-f", "{{json .Labels}} {{json .Options}}", self.scope + "-pruned"],
                            // From API 1.42 a prune takes named volumes only with --all.
                            ["volume", "prune", "-f"] + pruneAll + ["--filter", "label=prune=\(self.scope)"],
                        ], with: tool)
                    #expect(
                        outputs == [
                            "0|\(self.scope)-made\n|",
                            "0|map[scope:\(self.scope)] map[device:tmpfs type:tmpfs]\n|",
                            "1|\(self.scope)-made\n|Error response from daemon: get \(missing): no such volume\n",
                            "0|\(self.scope)-pruned\n|",
                            "0|{\"prune\":\"\(self.scope)\"} null\n|",
                            "0|Deleted Volumes:\n\(self.scope)-pruned\n\nTotal reclaimed space: 0B\n|",
                        ], "\(tool.executable.lastPathComponent)")
                }
            }
        }
    }

    /// `status|stdout|stderr` of each command line run in turn with `tool`, ids masked.
    private static func outcomes(of commandLines: [[String]], with tool: CommandLineProcess) async throws -> [String] {
        var outputs: [String] = []
        for arguments in commandLines {
            let outcome = try await tool.run(arguments)
            outputs.append("\(outcome.status)|\(CLIOracle.masked(outcome.standardOutput))|\(outcome.standardError)")
        }
        return outputs
    }
}
