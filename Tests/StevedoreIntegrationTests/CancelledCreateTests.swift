import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// The daemon makes a network or a volume whose create was cancelled 1 ms after its request
/// was written; the client must then remove it. Each create is made ``attempts`` times, each
/// cancelled after 0 to 19.5 ms (see `createCancelledRepeatedly`): what the answered attempts
/// made may exist, and nothing else the test's label marks. (Before the client removed them,
/// 13 to 34 of the cancelled network creates left theirs, and 4 to 6 volume creates.)
@Suite(
    "Cancelled creates against the real engine",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct CancelledCreateTests {
    private static let attempts = 40

    @Test func aCancelledNetworkCreateLeavesNoNetwork() async throws {
        try await TestEngine.withClient { client in
            let start = Date()
            let label = uniqueName("cancelled-network")
            // A subnet of its own for each: the daemon's default pools hold about 30 networks,
            // and randomSubnet()'s are in 10.128.0.0/9.
            let block = Int.random(in: 1...127)
            var filters = NetworkListFilters()
            filters.label = [LabelFilter(label)]
            let outcome = try await createCancelledRepeatedly(Self.attempts) { attempt in
                let ipam = try IPAM(subnets: ["10.\(block).\(attempt).0/24"])
                return try await client.networks.create(NetworkCreateRequest(name: "\(label)-\(attempt)", ipam: ipam, labels: [label: ""]))
                    .id
            } labelled: {
                try await client.networks.list(.init(filters: filters)).compactMap(\.id)
            } remove: {
                try await client.networks.remove($0)
            }
            let cancelled = Self.attempts - outcome.answered.count
            #expect(outcome.leftBehind.isEmpty, "\(outcome.leftBehind.count) of \(cancelled) cancelled creates left their network")
            let made = try await createEvents(of: .network, namedWithPrefix: "\(label)-", since: start, client: client)
            #expect(made > outcome.answered.count, "no cancellation fell while the daemon created a network: nothing was tested")
        }
    }

    /// A volume the daemon names is removed. One the caller named is left: the daemon returns
    /// an existing volume of that name, which a removal would destroy. (The daemon's volume
    /// events name no label, so whether a cancellation fell while it created is not counted.)
    @Test func aCancelledCreateOfAnUnnamedVolumeLeavesNoVolume() async throws {
        try await TestEngine.withClient { client in
            let label = uniqueName("cancelled-volume")
            var filters = VolumeListFilters()
            filters.label = [LabelFilter(label)]
            let outcome = try await createCancelledRepeatedly(Self.attempts) { _ in
                try await client.volumes.create(VolumeCreateRequest(labels: [label: ""])).name
            } labelled: {
                try await client.volumes.list(.init(filters: filters)).volumes?.map(\.name) ?? []
            } remove: {
                try await client.volumes.remove($0)
            }
            let cancelled = Self.attempts - outcome.answered.count
            #expect(outcome.leftBehind.isEmpty, "\(outcome.leftBehind.count) of \(cancelled) cancelled creates left their volume")
        }
    }

    /// A cancelled create of a name in use returns the volume that was there: it stays.
    @Test func aCancelledCreateOfAnExistingVolumeLeavesIt() async throws {
        try await TestEngine.withResources { client, resources in
            let name = uniqueName("cancelled-existing")
            resources.volume(name)
            let existing = try await client.volumes.create(VolumeCreateRequest(name: name))
            let outcome = try await createCancelledRepeatedly(Self.attempts) { _ in
                try await client.volumes.create(VolumeCreateRequest(name: name)).name
            } labelled: {
                []
            } remove: { _ in
            }
            #expect(outcome.answered.allSatisfy { $0 == name })
            #expect(try await client.volumes.inspect(name).createdAt == existing.createdAt)
        }
    }
}
