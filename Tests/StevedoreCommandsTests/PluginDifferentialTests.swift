import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// `stevedore plugin` and the docker CLI (the oracle only) against the same engine and the
/// test registry: each tool installs the same plugin under its own name, then both must
/// print the same lists, inspects and errors.
@Suite(
    "plugin commands against the docker CLI",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() }
)
struct PluginDifferentialTests {
    let oracle: CLIOracle

    init() async throws {
        self.oracle = try await CLIOracle()
    }

    @Test(.enabled("dockerd 20.10 may crash pushing a plugin: tested on Docker 28.5") { await TestEngine.pushesPluginsReliably() })
    func installedPluginsListAndInspectAsDockers() async throws {
        try await TestRegistry.withRegistry { registry in
            try await TestEngine.withResources { client, resources in
                let capability = TestPlugin.uniqueCapability()
                let remote = "\(registry.address)/stevedore/\(capability):1"
                try await TestPlugin.create(
                    client, resources, remote, description: "plugin for the differential test", capability: capability)
                try await TestPlugin.push(client, remote)
                try await client.plugins.remove(remote)

                let (mine, theirs) = ("sv-\(capability)", "dk-\(capability)")
                resources.plugin(mine)
                resources.plugin(theirs)
                let installed = try await self.oracle.stevedore.run(["plugin", "install", "--alias", mine, remote, "DEBUG=1"])
                #expect(installed.status == 0, "\(installed)")
                #expect(installed.standardOutput.hasSuffix("Installed plugin \(remote)\n"))
                let installedByDocker = try await self.oracle.docker.run(["plugin", "install", "--alias", theirs, remote, "DEBUG=1"])
                #expect(installedByDocker.status == 0, "\(installedByDocker)")
                #expect(try await client.plugins.inspect(mine).enabled)
                #expect(try await client.plugins.inspect(mine).settings.env == ["DEBUG=1"])

                let filter = "capability=^\(capability)$"
                for arguments in [
                    ["plugin", "ls", "--filter", filter], ["plugin", "ls", "-q", "--filter", filter],
                    ["plugin", "ls", "--no-trunc", "--filter", filter], ["plugin", "ls", "--format", "json", "--filter", filter],
                    ["plugin", "ls", "--format", "{{.Name}} {{.Enabled}} {{.PluginReference}}", "--filter", filter],
                    ["plugin", "ls", "--filter", filter, "--filter", "enabled=false"],
                    ["plugin", "inspect", "--format", "{{.Name}} {{.Enabled}} {{.Settings.Env}} {{.Config.Description}}", mine, theirs],
                    [
                        "plugin", "inspect", "--format", "{{.Config.Interface.Socket}} {{.Config.Interface.Types}} {{.PluginReference}}",
                        mine,
                    ],
                    ["plugin", "inspect", mine, "nosuch"],
                    ["plugin", "enable", mine], ["plugin", "set", mine, "DEBUG=0"], ["plugin", "rm", mine],
                    ["plugin", "upgrade", mine, remote],
                ] {
                    try await self.oracle.expectSame(arguments)
                }
                for (tool, name) in [(self.oracle.stevedore, mine), (self.oracle.docker, theirs)] {
                    #expect(try await tool.run(["plugin", "disable", name]).standardOutput == "\(name)\n")
                }
                try await self.oracle.expectSame(["plugin", "disable", mine])
                try await self.oracle.expectSame(["plugin", "ls", "--filter", filter, "--filter", "enabled=false"])
                try await self.oracle.expectSame(["plugin", "set", mine, "NOSUCH=1"])
                for (tool, name) in [(self.oracle.stevedore, mine), (self.oracle.docker, theirs)] {
                    let upgraded = try await tool.run(["plugin", "upgrade", "--skip-remote-check", name, remote])
                    #expect(upgraded.status == 0, "\(upgraded)")
                    #expect(upgraded.standardOutput.hasSuffix("Upgraded plugin \(name):latest to \(remote)\n"), "\(upgraded)")
                }
                for (tool, name) in [(self.oracle.stevedore, theirs), (self.oracle.docker, mine)] {
                    #expect(try await tool.run(["plugin", "rm", name]).standardOutput == "\(name)\n")
                }
            }
        }
    }

    @Test func refusalsMatchDocker() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-plugin-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("file")
        try Data().write(to: file)
        for arguments in [
            ["plugin", "enable", "stevedore-nosuch"], ["plugin", "disable", "stevedore-nosuch"], ["plugin", "rm", "stevedore-nosuch"],
            ["plugin", "rm", "-f", "stevedore-nosuch", "stevedore-nosuch2"], ["plugin", "set", "stevedore-nosuch", "A=1"],
            ["plugin", "push", "stevedore-nosuch"], ["plugin", "upgrade", "stevedore-nosuch"], ["plugin", "inspect", "stevedore-nosuch"],
            ["plugin", "create", "stevedore-p", "/nonexistent"], ["plugin", "create", "stevedore-p", file.path],
            ["plugin", "create", "stevedore-p", directory.path], ["plugin", "install", "Bad/Name"],
            ["plugin", "ls", "--filter", "nosuch=1"],
        ] {
            try await self.oracle.expectSame(arguments)
        }
    }
}
