import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

@Suite(
    "Volumes against the real engine", .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() }
)
struct VolumeTests {
    @Test func createInspectListAndRemove() async throws {
        try await TestEngine.withResources { client, resources in
            let name = uniqueName("vol")
            resources.volume(name)
            let options = ["type": "tmpfs", "device": "tmpfs", "o": "size=1m"]
            let created = try await client.volumes.create(VolumeCreateRequest(name: name, driverOpts: options, labels: ["purpose": "test"]))
            #expect(created.name == name)
            #expect(created.driver == "local")
            let volume = try await client.volumes.inspect(name)
            #expect(volume.labels == ["purpose": "test"])
            #expect(volume.options == options)
            #expect(volume.scope == .local)
            #expect(volume.mountpoint.hasSuffix("/volumes/\(name)/_data"))
            #expect(DockerTimestamp.date(from: volume.createdAt) != nil)
            // The same name again: the daemon hands back the existing volume.
            #expect(try await client.volumes.create(VolumeCreateRequest(name: name)).labels == ["purpose": "test"])

            func listed(_ configure: (inout VolumeListFilters) -> Void) async throws -> Bool {
                var filters = VolumeListFilters()
                filters.name = [name]
                configure(&filters)
                return try await client.volumes.list(.init(filters: filters)).volumes?.contains { $0.name == name } == true
            }
            #expect(try await listed { _ in })
            #expect(try await !listed { $0.name = [name + "-other"] })
            #expect(try await listed { $0.driver = ["local"] })
            #expect(try await !listed { $0.driver = ["other"] })
            #expect(try await listed { $0.label = [LabelFilter("purpose", "test")] })
            #expect(try await listed { $0.label = [LabelFilter("purpose")] })
            #expect(try await !listed { $0.label = [LabelFilter("purpose", "other")] })
            #expect(try await listed { $0.dangling = true })
            #expect(try await !listed { $0.dangling = false })

            try await client.volumes.remove(name)
            let missing = await #expect(throws: DockerError.self) { try await client.volumes.inspect(name) }
            #expect(missing?.category == .notFound)
            let removedTwice = await #expect(throws: DockerError.self) { try await client.volumes.remove(name) }
            #expect(removedTwice?.category == .notFound)
            try await client.volumes.remove(name, force: true)
        }
    }

    @Test func anInUseVolumeConflictsEvenWithForce() async throws {
        try await TestEngine.withResources { client, resources in
            let name = uniqueName("vol")
            resources.volume(name)
            _ = try await client.volumes.create(VolumeCreateRequest(name: name))
            try await client.withContainer(["true"], start: false, configure: { $0.hostConfig = HostConfig(binds: ["\(name):/data"]) }) {
                _ in
                var inUse = VolumeListFilters()
                inUse.name = [name]
                inUse.dangling = false
                let inUseNames = try await client.volumes.list(.init(filters: inUse)).volumes?.map(\.name)
                #expect(inUseNames == [name])
                for force in [false, true] {
                    let error = await #expect(throws: DockerError.self) {
                        try await client.volumes.remove(name, force: force)
                    }
                    #expect(error?.category == .conflict)
                    #expect(error?.message.contains("volume is in use") == true)
                }
            }
            try await client.volumes.remove(name)
        }
    }

    @Test func createWithoutNameAndFailures() async throws {
        try await TestEngine.withResources { client, resources in
            let anonymous = try await client.volumes.create()
            resources.volume(anonymous.name)
            #expect(anonymous.name.count == 64)
            let badName = await #expect(throws: DockerError.self) { try await client.volumes.create(VolumeCreateRequest(name: "bad name")) }
            #expect(badName?.category == .invalidArgument)
            let cluster = await #expect(throws: DockerError.self) {
                try await client.volumes.create(
                    VolumeCreateRequest(name: uniqueName("vol"), clusterVolumeSpec: ClusterVolumeSpec(group: "g")))
            }
            // Cluster volumes need API 1.42, then a swarm manager (this engine is none).
            let expected: DockerError.Category = try await client.apiVersion() < APIVersion(1, 42) ? .unsupportedByAPIVersion : .unavailable
            #expect(cluster?.category == expected, "\(String(describing: cluster))")
            for reference in ["", "a/b"] {
                let invalid = await #expect(throws: DockerError.self) { try await client.volumes.inspect(reference) }
                #expect(invalid?.category == .invalidInput)
            }
        }
    }

    /// Cluster volumes need a swarm manager and API 1.42: before 1.42 the update fails before
    /// any request, saying so; after, the engine (no swarm manager) refuses it.
    @Test func updateIsRefusedWithAClearError() async throws {
        try await TestEngine.withResources { client, resources in
            let name = uniqueName("vol")
            resources.volume(name)
            _ = try await client.volumes.create(VolumeCreateRequest(name: name))
            let body = VolumeUpdateBody(spec: ClusterVolumeSpec(availability: "drain"))
            let error = await #expect(throws: DockerError.self) { try await client.volumes.update(name, body, version: 1) }
            let apiVersion = try await client.apiVersion()
            if apiVersion < APIVersion(1, 42) {
                #expect(error?.category == .unsupportedByAPIVersion)
                #expect(error?.message.contains("volume update") == true)
            } else {
                #expect(error?.category == .unavailable)
            }
        }
    }

    @Test func pruneRemovesOnlyWhatMatches() async throws {
        // Prunes take turns: the daemon refuses one while another runs.
        try await TestEngine.withPruneTurn {
            try await TestEngine.withResources { client, resources in
                let scope = uniqueName("prune")
                let pruned = uniqueName("vol")
                let kept = uniqueName("vol")
                for (name, labels) in [(pruned, ["scope": scope]), (kept, ["scope": scope, "keep": "yes"])] {
                    resources.volume(name)
                    _ = try await client.volumes.create(VolumeCreateRequest(name: name, labels: labels))
                }
                let selection = VolumePruneFilters(label: [LabelFilter("scope", scope)], labelNot: [LabelFilter("keep")])
                if try await client.apiVersion() < APIVersion(1, 42) {
                    // Before 1.42 every unused volume is pruned, and `all` is unknown.
                    let all = await #expect(throws: DockerError.self) {
                        try await client.volumes.prune(.init(label: [LabelFilter("scope", scope)], all: true))
                    }
                    #expect(all?.category == .unsupportedByAPIVersion)
                    #expect(try await client.volumes.prune(selection).volumesDeleted == [pruned])
                } else {
                    // From 1.42 named volumes are pruned only with `all`.
                    #expect(try await client.volumes.prune(selection).volumesDeleted == [])
                    var all = selection
                    all.all = true
                    #expect(try await client.volumes.prune(all).volumesDeleted == [pruned])
                }
                #expect(try await client.volumes.inspect(kept).name == kept)
                let unknown = await #expect(throws: DockerError.self) {
                    try await client.volumes.prune(try VolumePruneFilters(parsing: ["until=1h"]))
                }
                #expect(unknown?.category == .invalidArgument)
            }
        }
    }
}
