import Stevedore
import Testing

@testable import StevedoreCommands

/// `volume create`'s cluster flags → the spec docker's `runCreate` builds (docker/cli v28.5.2
/// `cli/command/volume/create.go`), without an engine.
@Suite struct ClusterVolumeOptionsTests {
    private func spec(_ arguments: [String]) throws -> ClusterVolumeSpec? {
        try StevedoreCommand.Volume.Create.parse(arguments + ["v"]).cluster.spec
    }

    /// docker's `hasClusterVolumeOptionSet` asks for `secrets` (no such flag) and not the
    /// topologies: those alone leave the volume local.
    @Test func onlyDockersClusterFlagsMakeAClusterVolume() throws {
        #expect(try spec([]) == nil)
        #expect(try spec(["--secret", "a=b", "--topology-required", "zone=a", "--topology-preferred", "zone=b"]) == nil)
        for flag in [["--group", "g"], ["--scope", "multi"], ["--sharing", "all"], ["--availability", "pause"], ["--type", "mount"]] {
            #expect(try spec(flag) != nil, "\(flag)")
        }
        #expect(try spec(["--limit-bytes", "1k"]) != nil && spec(["--required-bytes", "1k"]) != nil)
    }

    /// Defaults (single, none, active, a block volume, zero capacity, empty topology), secrets
    /// as docker's `MapOpts` (the last value of a key, a bare key empty, sorted by key),
    /// topologies split at commas and at each segment's first `=`.
    @Test func theSpecIsDockers() throws {
        let defaults = try #require(try spec(["--group", ""]))
        #expect(defaults.group == nil && defaults.availability == .active)
        #expect(defaults.accessMode == .init(scope: .single, sharing: ClusterVolumeSpec.AccessMode.Sharing.none, blockVolume: .object([:])))
        #expect(defaults.capacityRange == .init(requiredBytes: 0, limitBytes: 0) && defaults.secrets == nil)
        #expect(defaults.accessibilityRequirements == .init())
        let full = try #require(
            try spec([
                "--type", "mount", "--secret", "b=2", "--secret", "a", "--secret", "b=3", "--limit-bytes", "1k", "--required-bytes", "0",
                "--topology-required", "zone=a,rack=b=c,bare", "--availability", "drain",
            ]))
        #expect(full.accessMode?.mountVolume == .init() && full.accessMode?.blockVolume == nil)
        #expect(full.secrets == [.init(key: "a", secret: ""), .init(key: "b", secret: "3")])
        #expect(full.capacityRange == .init(requiredBytes: 0, limitBytes: 1024) && full.availability == .drain)
        #expect(full.accessibilityRequirements?.requisite == [Topology(segments: ["zone": "a", "rack": "b=c", "bare": ""])])
        #expect(throws: (any Error).self) { try spec(["--limit-bytes", "x"]) }
    }
}
