import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// Managed plugins on the real engine: created from a directory, pushed to and installed from
/// the test registry, configured, enabled and upgraded.
@Suite(
    "Plugins against the real engine", .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() }
)
struct PluginTests {
    @Test func createConfigureEnableDisableAndRemove() async throws {
        try await TestEngine.withResources { client, resources in
            let capability = TestPlugin.uniqueCapability()
            let name = "stevedore-plugin-\(capability):1"
            try await TestPlugin.create(client, resources, name, description: "stevedore test plugin", capability: capability)

            var plugin = try await client.plugins.inspect(name)
            #expect(plugin.name == name)
            #expect(plugin.enabled == false)
            #expect(plugin.config.description == "stevedore test plugin")
            #expect(plugin.config.interface.types == ["docker.\(capability)/1.0"])
            let id = try #require(plugin.id)
            #expect(try await client.plugins.inspect(String(id.prefix(16))).name == name, "a unique id prefix names it")

            let mine = PluginListFilters(enabled: nil, capability: ["^\(capability)$"])
            #expect(try await client.plugins.list(mine).map(\.name) == [name])
            #expect(try await client.plugins.list(PluginListFilters(enabled: true, capability: ["^\(capability)$"])).isEmpty)

            try await client.plugins.set(name, ["DEBUG=1", "args=-v -x"])
            plugin = try await client.plugins.inspect(name)
            #expect(plugin.settings.env == ["DEBUG=1"])
            #expect(plugin.settings.args == ["-v", "-x"])
            let notSettable = await #expect(throws: DockerError.self) { try await client.plugins.set(name, ["OTHER=1"]) }
            #expect(notSettable?.message.contains("OTHER") == true, "\(String(describing: notSettable))")

            try await client.plugins.enable(name, timeout: .seconds(5))
            #expect(try await client.plugins.inspect(name).enabled)
            #expect(try await client.plugins.list(PluginListFilters(enabled: true, capability: ["^\(capability)$"])).map(\.name) == [name])
            let again = await #expect(throws: DockerError.self) { try await client.plugins.enable(name) }
            #expect(again?.category == .conflict)
            let whileEnabled = await #expect(throws: DockerError.self) { try await client.plugins.set(name, ["DEBUG=0"]) }
            #expect(whileEnabled?.message.contains("disable plugin before setting") == true)
            let removeEnabled = await #expect(throws: DockerError.self) { try await client.plugins.remove(name) }
            #expect(removeEnabled?.category == .conflict)
            #expect(removeEnabled?.message.contains("is enabled") == true)

            try await client.plugins.disable(name)
            #expect(try await client.plugins.inspect(name).enabled == false)
            #expect(await (#expect(throws: DockerError.self) { try await client.plugins.disable(name) })?.category == .conflict)

            try await client.plugins.remove(name)
            #expect(await (#expect(throws: DockerError.self) { try await client.plugins.inspect(name) })?.category == .notFound)
        }
    }

    @Test(.enabled("dockerd 20.10 may crash pushing a plugin: tested on Docker 28.5") { await TestEngine.pushesPluginsReliably() })
    func pushInstallAndUpgradeThroughTheRegistry() async throws {
        try await TestRegistry.withRegistry { registry in
            try await TestEngine.withResources { client, resources in
                let capability = TestPlugin.uniqueCapability()
                let repository = "\(registry.address)/stevedore/\(capability)"
                try await TestPlugin.create(client, resources, "\(repository):1", description: "first", capability: capability)
                try await TestPlugin.create(client, resources, "\(repository):2", description: "second", capability: capability)
                let pushed = try await TestPlugin.push(client, "\(repository):1")
                #expect(pushed.digest?.hasPrefix("sha256:") == true)
                try await TestPlugin.push(client, "\(repository):2")
                try await client.plugins.remove("\(repository):1")
                try await client.plugins.remove("\(repository):2")

                #expect(try await client.plugins.privileges("\(repository):1").isEmpty)
                let alias = "stevedore-installed-\(capability)"
                resources.plugin(alias)
                let installed = try await client.plugins.install("\(repository):1", options: .init(name: alias)).finish()
                #expect(installed.output.contains { $0.hasPrefix("Pulling from") } || installed.digest != nil)
                var plugin = try await client.plugins.inspect(alias)
                #expect(plugin.name == "\(alias):latest")
                #expect(plugin.pluginReference == "\(repository):1")
                #expect(plugin.config.description == "first")
                let taken = await #expect(throws: DockerError.self) {
                    try await client.plugins.install("\(repository):1", options: .init(name: alias)).finish()
                }
                #expect(taken?.message.contains("already exists") == true, "\(String(describing: taken))")

                let upgraded = try await client.plugins.upgrade(alias, remote: "\(repository):2")
                try await upgraded.finish()
                plugin = try await client.plugins.inspect(alias)
                #expect(plugin.pluginReference == "\(repository):2")
                #expect(plugin.config.description == "second")

                let missing = await #expect(throws: DockerError.self) {
                    try await client.plugins.install("\(repository):nosuchtag", options: .init(name: "\(alias)-missing")).finish()
                }
                #expect(missing != nil)
            }
        }
    }

    @Test func badNamesFailBeforeAnyRequest() async throws {
        try await TestEngine.withClient { client in
            #expect(await (#expect(throws: DockerError.self) { try await client.plugins.inspect("..") })?.category == .invalidInput)
            #expect(await (#expect(throws: DockerError.self) { try await client.plugins.enable("") })?.category == .invalidInput)
            #expect(
                await (#expect(throws: DockerError.self) { try await client.plugins.enable("p", timeout: .seconds(-1)) })?.category
                    == .invalidInput)
            let digest = await #expect(throws: DockerError.self) {
                try await client.plugins.install("busybox", options: .init(name: "p@sha256:" + String(repeating: "a", count: 64)))
            }
            #expect(digest?.category == .invalidInput)
            #expect(
                await (#expect(throws: DockerError.self) { try await client.plugins.inspect("stevedore-no-such-plugin") })?.category
                    == .notFound)
        }
    }
}
