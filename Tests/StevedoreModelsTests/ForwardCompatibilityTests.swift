import Foundation
import Testing

@testable import StevedoreModels

/// What newer and older daemons do to the JSON that a strict decoder would choke on.
@Suite struct ForwardCompatibilityTests {
    @Test func unknownEnumValueDecodesAndRoundTrips() throws {
        let state = try decode(ContainerState.self, #"{"Status": "hibernating", "Running": false}"#)
        #expect(state.status?.rawValue == "hibernating")
        #expect(state.status?.isKnown == false)
        #expect(state.status != .running)
        #expect(try encodedObject(state)["Status"] as? String == "hibernating")
    }

    @Test func knownEnumValueMatchesItsMember() throws {
        let state = try decode(ContainerState.self, #"{"Status": "running"}"#)
        #expect(state.status == .running)
        #expect(state.status?.isKnown == true)
        #expect(ContainerState.Status.knownValues.count == 7)
    }

    @Test func emptyStringEnumValueIsItsOwnMember() throws {
        let policy = try decode(RestartPolicy.self, #"{"Name": "", "MaximumRetryCount": 0}"#)
        #expect(policy.name == .empty)
        #expect(RestartPolicy(name: .no).name?.rawValue == "no")
        #expect(RestartPolicy.Name.unlessStopped.rawValue == "unless-stopped")
    }

    /// `"none"` is the member `.none`. Written where the type is the enum itself it is that
    /// member; where the context is optional (`LogConfig(type: .none)`) Swift takes
    /// `Optional.none` and warns "assuming you mean 'Optional<Kind>.none'", which is why the
    /// generator keeps the name rather than renaming it to something that compiles silently.
    @Test func noneValueIsAMemberThatEncodesAsNone() throws {
        let kind: HostConfig.LogConfig.Kind = .none
        let config = HostConfig.LogConfig(type: kind)
        #expect(config.type?.rawValue == "none")
        #expect(try encodedObject(config)["Type"] as? String == "none")
        #expect(try decode(HostConfig.LogConfig.self, #"{"Type": "none"}"#).type == HostConfig.LogConfig.Kind.none)
    }

    /// The daemon sends a service's health check as `Healthcheck` (the spec says `HealthCheck`;
    /// Go's decoder ignores case): it must survive a decode and re-encode, or `service update`
    /// would remove it.
    @Test func aServicesHealthCheckKeepsTheDaemonsKey() throws {
        let json = #"{"Image": "busybox", "Healthcheck": {"Test": ["CMD-SHELL", "true"], "Interval": 10000000000, "Retries": 2}}"#
        let container = try decode(TaskSpec.ContainerSpec.self, json)
        #expect(container.healthCheck?.test == ["CMD-SHELL", "true"])
        #expect(container.healthCheck?.retries == 2)
        #expect((try encodedObject(container)["Healthcheck"] as? [String: Any])?["Interval"] as? Int == 10_000_000_000)
    }

    /// Docker 23 to 28.2 send a build cache record's parents under `" Parents"` (a space in
    /// moby's struct tag); newer daemons may spell it as the spec does. Both are read, the
    /// spec's first, and written as the spec spells it.
    @Test func aBuildCacheRecordsParentsAreReadUnderEitherSpelling() throws {
        #expect(try decode(BuildCache.self, #"{"ID": "a", " Parents": ["p1", "p2"]}"#).parents == ["p1", "p2"])
        #expect(try decode(BuildCache.self, #"{"ID": "a", "Parents": ["p1"]}"#).parents == ["p1"])
        #expect(try decode(BuildCache.self, #"{"Parents": ["spec"], " Parents": ["other"]}"#).parents == ["spec"])
        #expect(try decode(BuildCache.self, #"{"Parents": null, " Parents": ["other"]}"#).parents == ["other"])
        #expect(try encodedObject(BuildCache(parents: ["p"]))["Parents"] as? [String] == ["p"])
    }

    @Test func integerEnumKeepsUnknownValues() throws {
        let changes = try decode([FilesystemChange].self, #"[{"Path": "/etc", "Kind": 0}, {"Path": "/x", "Kind": 7}]"#)
        #expect(changes[0].kind == .modified)
        #expect(changes[1].kind?.rawValue == 7)
        #expect(try encodedArray(changes)[1]["Kind"] as? Int == 7)
    }

    @Test func enumsAreBuiltFromLiterals() {
        let kind: EventMessage.Kind = "container"
        #expect(kind == .container)
        let change: ChangeType = 2
        #expect(change == .deleted)
    }

    @Test func missingFieldsDecodeAsNil() throws {
        let summary = try decode(ContainerSummary.self, #"{"Id": "abc"}"#)
        #expect(summary.id == "abc")
        #expect(summary.names == nil)
        #expect(summary.state == nil)
        #expect(summary.created == nil)
    }

    @Test func missingRequiredFieldIsAnError() {
        #expect(throws: DecodingError.self) {
            try decode(ContainerWaitResponse.self, #"{"Error": null}"#)
        }
    }

    @Test func unknownFieldsAreIgnored() throws {
        let version = try decode(
            SystemVersion.self,
            #"{"Version": "99.0.0", "ApiVersion": "1.99", "Quantum": {"Entangled": true}, "Flags": [1, 2]}"#)
        #expect(version.version == "99.0.0")
        #expect(version.apiVersion == "1.99")
    }

    @Test func nullArraysAndMapsDecodeAsNil() throws {
        let inspect = try decode(
            ContainerInspectResponse.self,
            #"{"Id": "abc", "Mounts": null, "Args": null, "Config": {"Env": null, "Labels": null, "ExposedPorts": null}}"#)
        #expect(inspect.mounts == nil)
        #expect(inspect.args == nil)
        #expect(inspect.config?.env == nil)
        let image = try decode(
            ImageSummary.self,
            #"{"Id": "sha256:1", "ParentId": "", "RepoTags": null, "RepoDigests": null, "Created": 1, "Size": 2, "SharedSize": "#
                + #"-1, "Labels": null, "Containers": -1}"#
        )
        #expect(image.repoTags == nil)
        #expect(image.labels == nil)
    }

    @Test func createdIsAnIntegerInSummariesAndAStringInInspects() throws {
        let summary = try decode(ContainerSummary.self, #"{"Id": "a", "Created": 1700000000}"#)
        #expect(summary.created == 1_700_000_000)
        let inspect = try decode(ContainerInspectResponse.self, #"{"Id": "a", "Created": "2023-11-14T22:13:20.123456789Z"}"#)
        #expect(inspect.created == "2023-11-14T22:13:20.123456789Z")
        #expect(DockerTimestamp(inspect.created!)?.secondsSince1970 == 1_700_000_000)
        #expect(throws: DecodingError.self) {
            try decode(ContainerSummary.self, #"{"Id": "a", "Created": "2023-11-14T22:13:20Z"}"#)
        }
    }

    @Test func minusOneSentinelsStaySigned() throws {
        let image = try decode(
            ImageSummary.self,
            #"{"Id": "sha256:1", "ParentId": "", "Created": 1, "Size": 2, "SharedSize": -1, "Containers": -1}"#)
        #expect(image.sharedSize == -1)
        #expect(image.containers == -1)
        let resources = try decode(HostConfig.self, #"{"MemorySwap": -1, "PidsLimit": -1}"#)
        #expect(resources.memorySwap == -1)
        #expect(resources.pidsLimit == -1)
        #expect(try decode(DeviceRequest.self, #"{"Count": -1}"#).count == -1)
    }

    @Test func unsignedCountersHoldValuesAboveInt64() throws {
        let stats = try decode(ContainerMemoryStats.self, #"{"usage": 18446744073709551615}"#)
        #expect(stats.usage == UInt64.max)
    }

    @Test func encodingOmitsNilFields() throws {
        let config = HostConfig(memory: 512_000_000)
        #expect(try encodedJSON(config) == #"{"Memory":512000000}"#)
        #expect(try encodedJSON(ContainerCreateBody()) == "{}")
    }

    @Test func encodingKeepsTheAPISpelling() throws {
        let body = ContainerCreateBody(
            image: "busybox",
            hostConfig: HostConfig(cpuShares: 512, oomKillDisable: true, networkMode: "none"),
            networkingConfig: NetworkingConfig(endpointsConfig: [
                "none": EndpointSettings(ipamConfig: EndpointIPAMConfig(ipv4Address: "10.0.0.2"))
            ])
        )
        let object = try encodedObject(body)
        #expect(object["Image"] as? String == "busybox")
        let hostConfig = try #require(object["HostConfig"] as? [String: Any])
        #expect(hostConfig["CpuShares"] as? Int == 512)
        #expect(hostConfig["OomKillDisable"] as? Bool == true)
        let endpoints = try #require((object["NetworkingConfig"] as? [String: Any])?["EndpointsConfig"] as? [String: Any])
        let ipam = try #require((endpoints["none"] as? [String: Any])?["IPAMConfig"] as? [String: Any])
        #expect(ipam["IPv4Address"] as? String == "10.0.0.2")
    }

    @Test func specialPropertyNames() throws {
        let stats = try decode(
            ContainerStatsResponse.self,
            #"{"id": "a", "cpu_stats": {"online_cpus": 2}, "precpu_stats": {}, "networks": {"eth0": {"rx_bytes": 5}}}"#)
        #expect(stats.cpuStats?.onlineCpus == 2)
        #expect(stats.networks?["eth0"]?.rxBytes == 5)
        let platform = try decode(OCIPlatform.self, #"{"architecture": "amd64", "os": "windows", "os.version": "10.0.19041"}"#)
        #expect(platform.osVersion == "10.0.19041")
        #expect(try encodedObject(platform)["os.version"] as? String == "10.0.19041")
    }

    @Test func portMapAcceptsNullBindings() throws {
        let settings = try decode(
            NetworkSettings.self,
            #"{"Ports": {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}], "443/tcp": null}}"#)
        let ports = try #require(settings.ports)
        #expect(ports["80/tcp"]??.first?.hostPort == "8080")
        #expect(ports.keys.contains("443/tcp"))
        #expect(ports["443/tcp"]! == nil)
        let encoded = try encodedObject(settings)["Ports"] as? [String: Any]
        #expect(encoded?["443/tcp"] is NSNull)
    }

    @Test func exposedPortsAndVolumesAreSetsOfEmptyObjects() throws {
        let config = try decode(ContainerConfig.self, #"{"ExposedPorts": {"80/tcp": {}}, "Volumes": {"/data": {}}}"#)
        #expect(config.exposedPorts?.keys.sorted() == ["80/tcp"])
        #expect(config.volumes == ["/data": EmptyObject()])
        #expect(try encodedJSON(ContainerConfig(exposedPorts: ["22/tcp": EmptyObject()])) == #"{"ExposedPorts":{"22\/tcp":{}}}"#)
    }

    @Test func untypedObjectsKeepAnyJSON() throws {
        let version = try decode(
            SystemVersion.self,
            #"{"Components": [{"Name": "Engine", "Version": "20.10.24", "Details": {"ApiVersion": "1.41", "Experimental": "#
                + #""false", "Nested": {"n": [1, 2.5, null, true]}}}]}"#
        )
        let details = try #require(version.components?.first?.details)
        #expect(details["ApiVersion"] == "1.41")
        #expect(details["Nested"]?["n"] == [1, 2.5, nil, true])
        #expect(details["Nested"]?["n"]?[0]?.int64Value == 1)
        let reencoded = try decode(SystemVersion.self, String(decoding: JSONEncoder().encode(version), as: UTF8.self))
        #expect(reencoded == version)
    }

    @Test func swiftKeywordsAndRenamesCompileAndDecode() throws {
        // `Task` is `DockerTask`; `Type` enums are `Kind`; property `Type` is `type`.
        let task = try decode(DockerTask.self, #"{"ID": "t1", "DesiredState": "running", "Status": {"State": "hibernating"}}"#)
        #expect(task.id == "t1")
        #expect(task.desiredState == .running)
        #expect(task.status?.state?.rawValue == "hibernating")
        let event = try decode(
            EventMessage.self, #"{"Type": "container", "Action": "start", "scope": "local", "time": 1, "timeNano": 1000000001}"#)
        #expect(event.type == .container)
        #expect(event.scope == .local)
        #expect(event.timeNano == 1_000_000_001)
    }

    /// A cluster volume's spec as moby marshals `volume.ClusterVolumeSpec`, not as the spec's
    /// YAML misnests it: the capacity, topology, secrets and availability beside `AccessMode`.
    @Test func clusterVolumeSpecHasTheDaemonsShape() throws {
        let spec = try decode(
            ClusterVolumeSpec.self,
            #"{"Group": "g", "AccessMode": {"Scope": "multi", "Sharing": "all", "MountVolume": {"FsType": "ext4"}}, "#
                + #""AccessibilityRequirements": {"Requisite": [{"Segments": {"zone": "a"}}]}, "#
                + #""CapacityRange": {"RequiredBytes": 1024, "LimitBytes": 0}, "Secrets": [{"Key": "k", "Secret": "s"}], "#
                + #""Availability": "drain"}"#)
        #expect(spec.accessMode?.scope == .multi && spec.accessMode?.mountVolume?.fsType == "ext4")
        #expect(spec.accessibilityRequirements?.requisite?.first?.segments == ["zone": "a"])
        #expect(spec.capacityRange?.requiredBytes == 1024 && spec.secrets?.first?.key == "k" && spec.availability == .drain)
        let block = ClusterVolumeSpec(accessMode: .init(scope: .single, blockVolume: .object([:])), availability: .active)
        let object = try encodedObject(block)
        #expect(object["Availability"] as? String == "active")
        #expect((object["AccessMode"] as? [String: Any])?["BlockVolume"] as? [String: Any] != nil)
    }

    @Test func allOfIsFlattened() throws {
        let config = try decode(
            HostConfig.self, #"{"Memory": 1, "NetworkMode": "host", "Ulimits": [{"Name": "nofile", "Soft": 1024, "Hard": 2048}]}"#)
        #expect(config.memory == 1)
        #expect(config.networkMode == "host")
        #expect(config.ulimits?.first?.hard == 2048)
        let update = ContainerUpdateBody(memory: 2, restartPolicy: RestartPolicy(name: .onFailure, maximumRetryCount: 3))
        let object = try encodedObject(update)
        #expect((object["RestartPolicy"] as? [String: Any])?["Name"] as? String == "on-failure")
    }
}

// MARK: - helpers

/// `json` decoded by `JSONDecoder`. The model's generated reader reads it to the same value or
/// leaves it to `JSONDecoder` (a `1.5` in a `JSONValue`), and refuses what `JSONDecoder` refuses.
func decode<T: Decodable & JSONReadable & Equatable>(
    _ type: T.Type, _ json: String, sourceLocation: SourceLocation = #_sourceLocation
) throws -> T {
    let data = Data(json.utf8)
    let read = try? JSONReader.decode(type, from: data)
    do {
        let decoded = try JSONDecoder().decode(type, from: data)
        #expect(read == nil || read == decoded, "read otherwise than decoded: \(json)", sourceLocation: sourceLocation)
        return decoded
    } catch {
        #expect(read == nil, "read what JSONDecoder refuses: \(json)", sourceLocation: sourceLocation)
        throw error
    }
}

func encodedJSON(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

func encodedObject(_ value: some Encodable) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value))
    return try #require(object as? [String: Any])
}

func encodedArray(_ value: some Encodable) throws -> [[String: Any]] {
    let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value))
    return try #require(object as? [[String: Any]])
}

/// Fields that API 1.56 dropped but Docker 20.10 (API 1.41) still sends.
@Suite struct LegacyFieldTests {
    @Test func systemDataUsageFromAnOldDaemon() throws {
        let usage = try decode(
            SystemDataUsageResponse.self,
            #"{"LayersSize": 1092588, "Images": [{"Id": "sha256:1", "ParentId": "", "RepoTags": ["busybox:latest"],"#
                + #" "RepoDigests": null, "Created": 1, "Size": 1092588, "SharedSize": 0, "VirtualSize": 1092588, "Labels": "#
                + #"null, "Containers": 1}], "Containers": [], "Volumes": [], "BuildCache": null}"#
        )
        #expect(usage.layersSize == 1_092_588)
        #expect(usage.images?.first?.virtualSize == 1_092_588)
        #expect(usage.containers?.isEmpty == true)
        #expect(usage.imageUsage == nil)
    }

    @Test func bridgeAddressOfAnOldDaemon() throws {
        let settings = try decode(NetworkSettings.self, #"{"IPAddress": "172.17.0.2", "IPPrefixLen": 16, "Gateway": "172.17.0.1"}"#)
        #expect(settings.ipAddress == "172.17.0.2")
        #expect(settings.ipPrefixLen == 16)
        #expect(settings.gateway == "172.17.0.1")
    }

    @Test func progressErrorOfAnOldDaemon() throws {
        let info = try decode(CreateImageInfo.self, #"{"error": "pull access denied", "errorDetail": {"message": "pull access denied"}}"#)
        #expect(info.error == "pull access denied")
        #expect(info.errorDetail?.message == "pull access denied")
    }
}
