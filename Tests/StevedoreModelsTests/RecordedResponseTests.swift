import Foundation
import StevedoreModels
import Testing

/// Responses recorded from a real dockerd 20.10 (API 1.41), see `Fixtures/dockerd-20.10/README.md`.
///
/// Each is decoded with its model, checked on a few values, and encoded again: every field the
/// daemon sent must come back (apart from `null`s, which encoding omits), so a field the models
/// do not know shows up here as a failure.
@Suite struct RecordedResponseTests {
    @Test func version() throws {
        let version = try decodeFixture(SystemVersion.self, "version.json")
        #expect(version.apiVersion == "1.41")
        #expect(version.minAPIVersion == "1.12")
        #expect(version.platform?.name == "")  // Debian's build leaves the platform name empty
        #expect(version.components?.first?.name == "Engine")
        #expect(version.components?.first?.details?["ApiVersion"] == "1.41")
        #expect(try decodeFixture(SystemVersion.self, "version-min-api.json").apiVersion == "1.41")
    }

    @Test func info() throws {
        let info = try decodeFixture(SystemInfo.self, "info.json")
        #expect(info.containers == 3)
        #expect(info.driver == "vfs")
        #expect(info.cgroupVersion == .v1)
        #expect(info.swarm?.localNodeState == .inactive)
        #expect(info.registryConfig?.indexConfigs?["docker.io"]?.official == true)
    }

    @Test func systemDataUsage() throws {
        // 20.10 also sends `BuilderSize`, which no spec describes (API 1.42 dropped it).
        let usage = try decodeFixture(SystemDataUsageResponse.self, "system-df.json", mayLose: ["BuilderSize"])
        #expect(usage.layersSize == 1_982_364)
        #expect(usage.images?.first?.repoTags == ["stevedore-test/busybox:latest"])
        #expect(usage.images?.first?.labels == nil)
        #expect(usage.containers?.count == 3)
        #expect(usage.volumes?.first?.usageData?.refCount == 1)
    }

    @Test func containerList() throws {
        let containers = try decodeFixture([ContainerSummary].self, "containers-json.json")
        #expect(containers.count == 3)
        let running = try #require(containers.first { $0.names == ["/stevedore-fixture-running"] })
        #expect(running.state == .running)
        #expect((running.created ?? 0) > 1_700_000_000)
        #expect(running.labels?.isEmpty == false)
        #expect(running.networkSettings?.networks?["stevedore-fixture-net"]?.ipAddress?.isEmpty == false)
        #expect(running.mounts?.contains { $0.type == .volume && $0.name == "stevedore-fixture-vol" } == true)
        #expect(containers.contains { $0.state == .exited && $0.status?.hasPrefix("Exited (3)") == true })
        #expect(containers.contains { $0.state == .created })
    }

    @Test func runningContainerInspect() throws {
        let container = try decodeFixture(ContainerInspectResponse.self, "container-inspect-running.json")
        #expect(container.state?.status == .running)
        #expect(container.state?.running == true)
        #expect(DockerTimestamp.date(from: container.state?.startedAt) != nil)
        #expect(DockerTimestamp.date(from: container.state?.finishedAt) == nil)  // 0001-01-01T00:00:00Z
        #expect(container.created.flatMap(DockerTimestamp.init) != nil)
        #expect(container.hostConfig?.memory.map { $0 > 0 } == true)
        #expect(container.hostConfig?.pidsLimit.map { $0 > 0 } == true)
        #expect(container.mounts?.contains { $0.type == .bind && $0.rw == false } == true)
        #expect(container.config?.labels?.isEmpty == false)
        #expect(container.networkSettings?.networks?["stevedore-fixture-net"] != nil)
    }

    @Test func exitedContainerInspect() throws {
        let container = try decodeFixture(ContainerInspectResponse.self, "container-inspect-exited.json")
        #expect(container.state?.status == .exited)
        #expect(container.state?.exitCode == 3)
        let started = try #require(container.state?.startedAt.flatMap(DockerTimestamp.init))
        let finished = try #require(container.state?.finishedAt.flatMap(DockerTimestamp.init))
        #expect(started <= finished)
        #expect(!finished.isZero)
    }

    @Test func containerTopChangesAndStats() throws {
        let top = try decodeFixture(ContainerTopResponse.self, "container-top.json")
        #expect(top.titles?.contains("PID") == true)
        #expect(top.processes?.isEmpty == false)
        let changes = try decodeFixture([FilesystemChange].self, "container-changes.json")
        #expect(Set(changes.compactMap(\.kind)) == [.modified, .added, .deleted])
        let stats = try decodeFixture(ContainerStatsResponse.self, "container-stats.json")
        #expect(stats.memoryStats?.limit.map { $0 > 0 } == true)
        #expect(stats.pidsStats?.current.map { $0 > 0 } == true)
        #expect(stats.read.flatMap(DockerTimestamp.init) != nil)
    }

    @Test func execInspect() throws {
        let exec = try decodeFixture(ExecInspectResponse.self, "exec-inspect.json")
        #expect(exec.running == false)
        #expect(exec.exitCode == 0)
        #expect(exec.processConfig?.entrypoint == "sh")
    }

    @Test func images() throws {
        let images = try decodeFixture([ImageSummary].self, "images-json.json")
        #expect(images.first?.repoTags == ["stevedore-test/busybox:latest"])
        #expect(images.first?.sharedSize == -1)
        #expect(images.first?.containers == -1)
        let image = try decodeFixture(ImageInspect.self, "image-inspect.json")
        #expect(image.rootFS?.type == "layers")
        #expect(image.os == "linux")
        let history = try decodeFixture([ImageHistoryResponseItem].self, "image-history.json")
        #expect(history.first?.id == image.id)
    }

    @Test func networksAndVolumes() throws {
        let networks = try decodeFixture([Network].self, "networks.json")
        #expect(Set(networks.compactMap(\.name)).isSuperset(of: ["host", "none", "stevedore-fixture-net"]))
        #expect(networks.first { $0.name == "stevedore-fixture-net" }?.ipam?.config?.first?.subnet != nil)
        let volumes = try decodeFixture(VolumeListResponse.self, "volumes.json")
        #expect(volumes.volumes?.first?.name == "stevedore-fixture-vol")
        #expect(volumes.volumes?.first?.scope == .local)
    }

    @Test func errors() throws {
        #expect(try decodeFixture(ErrorResponse.self, "error-not-found.json").message.contains("nope"))
        #expect(try decodeFixture(ErrorResponse.self, "error-version-too-new.json").message.contains("too new"))
    }

    @Test func events() throws {
        let lines = try fixtureLines("events.ndjson")
        let events = try lines.map { try JSONDecoder().decode(EventMessage.self, from: $0) }
        #expect(try lines.map { try JSONReader.decode(EventMessage.self, from: $0) } == events)
        #expect(events.count > 10)
        #expect(events.allSatisfy { $0.type?.isKnown == true && $0.action != nil && $0.timeNano != nil })
        #expect(events.contains { $0.type == .container && $0.action == "start" })
        #expect(events.contains { $0.type == .network && $0.action == "connect" })
        for (line, event) in zip(lines, events) {
            // 20.10 repeats container events in the legacy `status`/`id`/`from` fields that
            // API 1.52 dropped and the 1.41 spec never described; `Action`/`Actor` carry them.
            #expect(try lostFields(event, original: line).allSatisfy { ["status", "id", "from"].contains($0) })
        }
    }

    @Test func imageImportProgress() throws {
        let progress = try fixtureLines("image-import-progress.ndjson").map {
            try JSONDecoder().decode(CreateImageInfo.self, from: $0)
        }
        #expect(progress.last?.status?.isEmpty == false)
    }

    /// Every JSON fixture is decoded by one of the tests above.
    @Test func everyFixtureHasAModel() throws {
        let decoded: Set<String> = [
            "version.json", "version-min-api.json", "info.json", "system-df.json", "containers-json.json",
            "container-inspect-running.json", "container-inspect-exited.json", "container-top.json",
            "container-changes.json", "container-stats.json", "exec-inspect.json", "images-json.json",
            "image-inspect.json", "image-history.json", "networks.json", "volumes.json", "error-not-found.json",
            "error-version-too-new.json", "events.ndjson", "image-import-progress.ndjson",
        ]
        let files = try FileManager.default.contentsOfDirectory(at: fixtureDirectory(), includingPropertiesForKeys: nil)
            .map(\.lastPathComponent)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".ndjson") }
        #expect(Set(files) == decoded)
    }
}

// MARK: - fixtures

func fixtureDirectory() throws -> URL {
    try #require(Bundle.module.url(forResource: "dockerd-20.10", withExtension: nil, subdirectory: "Fixtures"))
}

func fixtureData(_ name: String) throws -> Data {
    try Data(contentsOf: fixtureDirectory().appendingPathComponent(name))
}

func fixtureLines(_ name: String) throws -> [Data] {
    try fixtureData(name).split(separator: UInt8(ascii: "\n")).map { Data($0) }
}

/// Decodes a fixture and checks that encoding the value gives back every field it had, and that
/// the model's generated reader reads it to the same value.
func decodeFixture<T: Codable & JSONReadable & JSONWritable & Equatable>(
    _ type: T.Type, _ name: String, mayLose allowed: Set<String> = [], sourceLocation: SourceLocation = #_sourceLocation
) throws -> T {
    let data = try fixtureData(name)
    let value = try JSONDecoder().decode(type, from: data)
    let lost = try lostFields(value, original: data)
    #expect(Set(lost) == allowed, "\(name): fields the model dropped: \(lost)", sourceLocation: sourceLocation)
    // What a daemon sends must never need the fallback to JSONDecoder.
    #expect(try JSONReader.decode(type, from: data) == value, "\(name): read otherwise than decoded", sourceLocation: sourceLocation)
    // And the generated writer writes it back as JSONEncoder does.
    try expectWrittenAsEncoded(value, sourceLocation: sourceLocation)
    return value
}

/// Paths of the fields of `original` that are missing or different after a decode-encode trip
/// (fields whose value was `null` don't count: encoding omits nil).
func lostFields(_ value: some Encodable, original: Data) throws -> [String] {
    let before = try JSONSerialization.jsonObject(with: original, options: .fragmentsAllowed)
    let after = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value), options: .fragmentsAllowed)
    var lost: [String] = []
    compare(before, after, path: "", into: &lost)
    return lost
}

private func compare(_ before: Any, _ after: Any?, path: String, into lost: inout [String]) {
    switch before {
    case let object as [String: Any]:
        guard let other = after as? [String: Any] else { return lost.append(path) }
        for (key, member) in object.sorted(by: { $0.key < $1.key }) where !(member is NSNull) {
            compare(member, other[key], path: path.isEmpty ? key : "\(path).\(key)", into: &lost)
        }
    case let array as [Any]:
        guard let other = after as? [Any], other.count == array.count else { return lost.append(path) }
        for (index, element) in array.enumerated() {
            compare(element, other[index], path: "\(path)[\(index)]", into: &lost)
        }
    default:
        guard let after, (before as? NSObject)?.isEqual(after) == true else { return lost.append(path) }
    }
}
