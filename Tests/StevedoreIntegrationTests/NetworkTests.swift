import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// A /24 in 10.128.0.0/9 no other test is likely to pick (the daemon refuses overlapping
/// subnets, and tests run in parallel).
func randomSubnet() -> (subnet: String, prefix: String) {
    let prefix = "10.\(Int.random(in: 128...254)).\(Int.random(in: 0...254))"
    return ("\(prefix).0/24", prefix)
}

@Suite(
    "Networks against the real engine",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct NetworkTests {
    @Test func createInspectListAndRemove() async throws {
        try await TestEngine.withResources { client, resources in
            let name = uniqueName("net")
            let (subnet, prefix) = randomSubnet()
            let ipam = try IPAM(
                subnets: [subnet], ipRanges: ["\(prefix).128/25"], gateways: ["\(prefix).1"], auxiliaryAddresses: ["router": "\(prefix).2"])
            resources.network(name)
            let created = try await client.networks.create(
                NetworkCreateRequest(
                    name: name, internal: true, ipam: ipam, options: ["com.docker.network.driver.mtu": "1400"],
                    labels: ["purpose": "test", "scope": name]))
            let id = created.id
            #expect(id.count == 64)

            let network = try await client.networks.inspect(name)
            #expect(network.id == id)
            #expect(network.driver == "bridge")
            #expect(network.scope == "local")
            #expect(network.internal == true)
            #expect(network.labels == ["purpose": "test", "scope": name])
            #expect(network.options?["com.docker.network.driver.mtu"] == "1400")
            let config = try #require(network.ipam?.config?.first)
            #expect(config.subnet == subnet)
            #expect(config.gateway == "\(prefix).1")
            #expect(config.ipRange == "\(prefix).128/25")
            #expect(config.auxiliaryAddresses == ["router": "\(prefix).2"])
            #expect(try await client.networks.inspect(String(id.prefix(12)), options: .init(verbose: true, scope: .local)).name == name)
            let wrongScope = await #expect(throws: DockerError.self) {
                try await client.networks.inspect(name, options: .init(scope: .swarm))
            }
            #expect(wrongScope?.category == .notFound)

            // Each list filter key, once matching and once not.
            func listed(_ configure: (inout NetworkListFilters) -> Void) async throws -> Bool {
                var filters = NetworkListFilters()
                filters.name = [name]
                configure(&filters)
                return try await client.networks.list(.init(filters: filters)).contains { $0.id == id }
            }
            #expect(try await listed { _ in })
            #expect(try await listed { $0.dangling = true })
            #expect(try await !listed { $0.dangling = false })
            let inUse = try await client.networks.list(.init(filters: try NetworkListFilters(parsing: ["dangling=false"])))
            #expect(Set(inUse.compactMap(\.name)).isSuperset(of: ["host", "none"]))
            #expect(try await listed { $0.driver = ["bridge"] })
            #expect(try await !listed { $0.driver = ["null"] })
            #expect(try await listed { $0.id = [String(id.prefix(10))] })
            #expect(try await !listed { $0.id = [String(repeating: "0", count: 12)] })
            #expect(try await listed { $0.label = [LabelFilter("purpose", "test")] })
            #expect(try await listed { $0.label = [LabelFilter("scope")] })
            #expect(try await !listed { $0.label = [LabelFilter("purpose", "other")] })
            #expect(try await !listed { $0.name = [name + "-other"] })
            #expect(try await listed { $0.scope = [.local] })
            #expect(try await !listed { $0.scope = [.swarm] })
            #expect(try await listed { $0.type = [.custom] })
            #expect(try await !listed { $0.type = [.builtin] })
            let builtin = try await client.networks.list(.init(filters: try NetworkListFilters(parsing: ["type=builtin"])))
            #expect(Set(builtin.compactMap(\.name)).isSuperset(of: ["host", "none"]))
            #expect(!builtin.contains { $0.id == id })
            let badFilter = await #expect(throws: DockerError.self) {
                try await client.networks.list(.init(filters: try NetworkListFilters(parsing: ["dangling=maybe"])))
            }
            #expect(badFilter?.category == .invalidArgument)

            // A taken name is refused on every daemon (CheckDuplicate sent before API 1.44).
            let duplicate = await #expect(throws: DockerError.self) { try await client.networks.create(NetworkCreateRequest(name: name)) }
            #expect(duplicate?.category == .conflict)

            try await client.networks.remove(id)
            let missing = await #expect(throws: DockerError.self) { try await client.networks.inspect(name) }
            #expect(missing?.category == .notFound)
            let removedTwice = await #expect(throws: DockerError.self) { try await client.networks.remove(name) }
            #expect(removedTwice?.category == .notFound)
        }
    }

    @Test func createFailuresAreTyped() async throws {
        try await TestEngine.withResources { client, resources in
            let badSubnet = await #expect(throws: DockerError.self) {
                try await client.networks.create(
                    NetworkCreateRequest(name: uniqueName("net"), ipam: IPAM(config: [IPAMConfig(subnet: "not-a-subnet")])))
            }
            // dockerd 20.10 answers 500 with its reason, Docker 28 400 with its own words.
            #expect(badSubnet?.message.contains("not-a-subnet") == true, "\(String(describing: badSubnet))")
            #expect(badSubnet?.message.contains("CIDR") == true, "\(String(describing: badSubnet))")
            let empty = await #expect(throws: DockerError.self) { try await client.networks.create(NetworkCreateRequest(name: "")) }
            #expect(empty?.category == .invalidInput)
            // EnableIPv4 needs API 1.47: refused before any request below, honoured from there.
            let ipv4Name = uniqueName("net")
            if try await client.apiVersion() < APIVersion(1, 47) {
                let ipv4 = await #expect(throws: DockerError.self) {
                    try await client.networks.create(NetworkCreateRequest(name: ipv4Name, enableIPv4: true))
                }
                #expect(ipv4?.category == .unsupportedByAPIVersion)
            } else {
                resources.network(ipv4Name)
                _ = try await client.networks.create(NetworkCreateRequest(name: ipv4Name, enableIPv4: true))
                #expect(try await client.networks.inspect(ipv4Name).enableIPv4 == true)
            }
            for reference in ["", "a/b", "a\tb"] {
                let invalid = await #expect(throws: DockerError.self) { try await client.networks.inspect(reference) }
                #expect(invalid?.category == .invalidInput)
            }
            let builtin = await #expect(throws: DockerError.self) { try await client.networks.remove("host") }
            #expect(builtin?.category == .forbidden)
        }
    }

    /// The daemon creates a network whose name holds spaces as given: it is inspected and
    /// removed by that name.
    @Test func aNameWithSpacesNamesItsNetwork() async throws {
        try await TestEngine.withResources { client, resources in
            let name = uniqueName("net") + " with spaces"
            resources.network(name)
            let created = try await client.networks.create(NetworkCreateRequest(name: name))
            #expect(try await client.networks.inspect(name).id == created.id)
            try await client.networks.remove(name)
            let missing = await #expect(throws: DockerError.self) { try await client.networks.inspect(name) }
            #expect(missing?.category == .notFound)
        }
    }

    @Test func connectWithAliasAndAddressThenDisconnect() async throws {
        try await TestEngine.withResources { client, resources in
            let name = uniqueName("net")
            let (subnet, prefix) = randomSubnet()
            resources.network(name)
            _ = try await client.networks.create(NetworkCreateRequest(name: name, ipam: IPAM(config: [IPAMConfig(subnet: subnet)])))
            try await client.withContainer(["sleep", "300"]) { container in
                let endpoint = EndpointSettings(ipamConfig: EndpointIPAMConfig(ipv4Address: "\(prefix).42"), aliases: ["web-alias"])
                try await client.networks.connect(name, NetworkConnectRequest(container: container, endpointConfig: endpoint))

                let attached = try #require(try await client.networks.inspect(name).containers?[container])
                #expect(attached.ipv4Address == "\(prefix).42/24")
                let settings = try #require(try await client.containers.inspect(container).networkSettings?.networks?[name])
                #expect(settings.ipAddress == "\(prefix).42")
                #expect(settings.aliases?.contains("web-alias") == true)
                let again = await #expect(throws: DockerError.self) {
                    try await client.networks.connect(name, NetworkConnectRequest(container: container))
                }
                #expect(again?.category == .forbidden)
                let inUse = await #expect(throws: DockerError.self) { try await client.networks.remove(name) }
                #expect(inUse?.category == .forbidden)

                try await client.networks.disconnect(name, NetworkDisconnectRequest(container: container))
                #expect(try await client.networks.inspect(name).containers?[container] == nil)
                #expect(try await client.containers.inspect(container).networkSettings?.networks?[name] == nil)

                let missingNetwork = await #expect(throws: DockerError.self) {
                    try await client.networks.connect(uniqueName("missing"), NetworkConnectRequest(container: container))
                }
                #expect(missingNetwork?.category == .notFound)
                let outsideSubnet = await #expect(throws: DockerError.self) {
                    let endpoint = EndpointSettings(ipamConfig: EndpointIPAMConfig(ipv4Address: "192.0.2.9"))
                    try await client.networks.connect(name, NetworkConnectRequest(container: container, endpointConfig: endpoint))
                }
                #expect(outsideSubnet?.message.contains("192.0.2.9") == true)
                let notAttached = await #expect(throws: DockerError.self) {
                    try await client.networks.disconnect(name, NetworkDisconnectRequest(container: container))
                }
                #expect(notAttached?.message.contains("is not connected to network") == true)
            }
            let missingContainer = await #expect(throws: DockerError.self) {
                try await client.networks.connect(name, NetworkConnectRequest(container: uniqueName("missing")))
            }
            #expect(missingContainer?.category == .notFound)
            let missingDisconnect = await #expect(throws: DockerError.self) {
                try await client.networks.disconnect(name, NetworkDisconnectRequest(container: uniqueName("missing"), force: true))
            }
            #expect(missingDisconnect?.category == .notFound)
            let noContainer = await #expect(throws: DockerError.self) { try await client.networks.connect(name, NetworkConnectRequest()) }
            #expect(noContainer?.category == .invalidInput)
            // GwPriority needs API 1.48: refused before any request below, sent from there (and
            // the missing container is the daemon's answer).
            let gated = await #expect(throws: DockerError.self) {
                try await client.networks.connect(
                    name, NetworkConnectRequest(container: uniqueName("missing"), endpointConfig: EndpointSettings(gwPriority: 1)))
            }
            let expected: DockerError.Category = try await client.apiVersion() < APIVersion(1, 48) ? .unsupportedByAPIVersion : .notFound
            #expect(gated?.category == expected, "\(String(describing: gated))")
        }
    }

    @Test func pruneRemovesOnlyWhatMatches() async throws {
        // Prunes take turns: the daemon refuses one while another runs.
        try await TestEngine.withPruneTurn {
            try await TestEngine.withResources { client, resources in
                let scope = uniqueName("prune")
                let pruned = uniqueName("net")
                let kept = uniqueName("net")
                for (name, labels) in [(pruned, ["scope": scope]), (kept, ["scope": scope, "keep": "yes"])] {
                    resources.network(name)
                    _ = try await client.networks.create(NetworkCreateRequest(name: name, labels: labels))
                }
                // Created just now: nothing of ours is older than an hour.
                let none = try await client.networks.prune(.init(until: "1h", label: [LabelFilter("scope", scope)]))
                #expect(none.networksDeleted?.contains(pruned) != true)
                let result = try await client.networks.prune(.init(label: [LabelFilter("scope", scope)], labelNot: [LabelFilter("keep")]))
                #expect(result.networksDeleted == [pruned])
                #expect(try await client.networks.inspect(kept).name == kept)
                let badUntil = await #expect(throws: DockerError.self) { try await client.networks.prune(.init(until: "not-a-time")) }
                // dockerd 20.10 answers 500 with its reason.
                #expect(badUntil?.message.contains("not-a-time") == true)
            }
        }
    }
}
