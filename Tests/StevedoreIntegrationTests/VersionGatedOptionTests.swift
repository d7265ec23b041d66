import Stevedore
import StevedoreTestSupport
import Testing

/// Both sides of the options newer than API 1.41: on an engine below an option's version the
/// library refuses it before any request (``DockerError/Category/unsupportedByAPIVersion``) or,
/// where it documents so, drops it; from that version the daemon shows the option took effect.
@Suite(
    "Version-gated options against the real engine",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct VersionGatedOptionTests {
    /// From `minimum`, creates `body` (not started, removed when the test ends) and returns its
    /// id. Below it, expects the refusal before any request (the error names `minimum`, and no
    /// container of the name asked for exists) and returns `nil`.
    private static func create(
        _ body: ContainerCreateBody, gatedAt minimum: APIVersion, client: DockerClient, resources: TestResources,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String? {
        let name = uniqueName("gated")
        resources.container(name)
        guard try await client.apiVersion() >= minimum else {
            let refused = await #expect(throws: DockerError.self, sourceLocation: sourceLocation) {
                try await client.containers.create(body, options: .init(name: name))
            }
            #expect(refused?.category == .unsupportedByAPIVersion, "\(String(describing: refused))", sourceLocation: sourceLocation)
            #expect(refused?.message.contains("API ≥ \(minimum)") == true, sourceLocation: sourceLocation)
            let absent = await #expect(throws: DockerError.self, sourceLocation: sourceLocation) {
                try await client.containers.inspect(name)
            }
            #expect(absent?.category == .notFound, "the refused create reached the daemon", sourceLocation: sourceLocation)
            return nil
        }
        return try await client.containers.create(body, options: .init(name: name)).id
    }

    /// `signal` of stop (1.42). The shell as PID 1 ignores SIGTERM, the default: only SIGUSR1
    /// reaching its trap ends it with 42 rather than 137 (killed after the grace period).
    @Test func stopSignalIsRefusedBelow142AndDeliveredFrom142() async throws {
        try await TestEngine.withClient { client in
            let script = "trap 'exit 42' USR1; touch /tmp/ready; while true; do sleep 0.1; done"
            try await client.withContainer(["sh", "-c", script]) { id in
                #expect(try await eventually { (try? await client.containers.archiveInfo(id, path: "/tmp/ready")) != nil })
                let options = ContainerStopOptions(signal: .user1, timeout: .seconds(5))
                guard try await client.apiVersion() >= APIVersion(1, 42) else {
                    let stop = await #expect(throws: DockerError.self) { try await client.containers.stop(id, options: options) }
                    #expect(stop?.category == .unsupportedByAPIVersion)
                    let restart = await #expect(throws: DockerError.self) { try await client.containers.restart(id, options: options) }
                    #expect(restart?.category == .unsupportedByAPIVersion)
                    #expect(try await client.containers.inspect(id).state?.running == true, "refused before any request")
                    return
                }
                try await client.containers.stop(id, options: options)
                #expect(try await client.containers.inspect(id).state?.exitCode == 42)
            }
        }
    }

    /// `HostConfig.ConsoleSize` (1.42) is dropped below, as documented: dockerd 20.10 would
    /// store it (and show it in inspect) without applying it on Linux.
    @Test func createConsoleSizeIsDroppedBelow142AndSizesTheTerminalFrom142() async throws {
        try await TestEngine.withClient { client in
            let modern = try await client.apiVersion() >= APIVersion(1, 42)
            try await client.withContainer(
                ["sh", "-c", "stty size > /tmp/size"],
                configure: {
                    $0.tty = true
                    $0.hostConfig = HostConfig(consoleSize: [33, 77])
                }
            ) { id in
                _ = try await client.containers.wait(id)
                let consoleSize = try await client.containers.inspect(id).hostConfig?.consoleSize
                if modern {
                    #expect(consoleSize == [33, 77])
                    #expect(try await client.fileContent(id, path: "/tmp/size") == "33 77\n")
                } else {
                    #expect(consoleSize == [0, 0], "the size reached dockerd 20.10")
                }
            }
        }
    }

    /// `ConsoleSize` of exec create and exec start (1.42), dropped below (not refused): the
    /// start's size overrides the create's.
    @Test func execConsoleSizeIsDroppedBelow142AndSizesTheTerminalFrom142() async throws {
        try await TestEngine.withClient { client in
            let modern = try await client.apiVersion() >= APIVersion(1, 42)
            try await client.withContainer(["sleep", "300"]) { container in
                let config = ExecConfig(attachStdout: true, attachStderr: true, consoleSize: [21, 66], tty: true, cmd: ["stty", "size"])
                let (fromCreate, createExit) = try await client.exec.withRun(config, in: container) {
                    try await $0.output.collect(upTo: 1 << 16).stdoutText
                }
                let id = try await client.exec.create(config, in: container)
                let fromStart = try await client.exec.withAttach(id, options: .init(tty: true, consoleSize: [31, 99])) {
                    try await $0.output.collect(upTo: 1 << 16).stdoutText
                }
                let startExit = try await client.exec.waitForExit(id)
                guard modern else { return }  // Reaching here is the assertion: neither size was refused.
                #expect(createExit == 0 && startExit == 0)
                #expect(fromCreate.contains("21 66\r\n"), "\(fromCreate)")
                #expect(fromStart.contains("31 99\r\n"), "\(fromStart)")
            }
        }
    }

    /// `HostConfig.Annotations` (1.43).
    @Test func annotationsAreRefusedBelow143AndStoredFrom143() async throws {
        try await TestEngine.withResources { client, resources in
            var body = ContainerCreateBody(cmd: ["true"], image: TestEngine.image)
            body.hostConfig = HostConfig(annotations: ["com.example.stevedore": "annotated"])
            guard let id = try await Self.create(body, gatedAt: APIVersion(1, 43), client: client, resources: resources) else { return }
            let annotations = try await client.containers.inspect(id).hostConfig?.annotations
            #expect(annotations?["com.example.stevedore"] == "annotated", "\(String(describing: annotations))")
        }
    }

    /// `Healthcheck.StartInterval` (1.44). With an hour between probes and the daemon's default
    /// start interval of 5 s, only a start interval of 200 ms makes the container healthy
    /// within 4 s of its start.
    @Test func healthcheckStartIntervalIsRefusedBelow144AndPacesTheStartPeriodFrom144() async throws {
        try await TestEngine.withResources { client, resources in
            var body = ContainerCreateBody(cmd: ["sleep", "300"], image: TestEngine.image)
            body.healthcheck = HealthConfig(
                test: ["CMD-SHELL", "true"], interval: 3_600_000_000_000, startPeriod: 60_000_000_000, startInterval: 200_000_000)
            guard let id = try await Self.create(body, gatedAt: APIVersion(1, 44), client: client, resources: resources) else { return }
            let healthcheck = try await client.containers.inspect(id).config?.healthcheck
            #expect(healthcheck?.startInterval == 200_000_000)
            #expect(healthcheck?.startPeriod == 60_000_000_000)
            try await client.containers.start(id)
            #expect(try await eventually(within: 4) { try await client.containers.inspect(id).state?.health?.status == .healthy })
        }
    }

    /// A per-network `MacAddress` (1.44) of create and of network connect. Below, the network
    /// does not exist: a create or connect that reached the daemon would be `notFound`.
    @Test func endpointMacAddressIsRefusedBelow144AndAssignedFrom144() async throws {
        try await TestEngine.withResources { client, resources in
            let network = uniqueName("net")
            let modern = try await client.apiVersion() >= APIVersion(1, 44)
            if modern {
                let (subnet, _) = randomSubnet()
                resources.network(network)
                _ = try await client.networks.create(NetworkCreateRequest(name: network, ipam: IPAM(config: [IPAMConfig(subnet: subnet)])))
            }
            let (createMAC, connectMAC) = ("02:42:5e:00:01:44", "02:42:5e:00:01:45")
            var body = ContainerCreateBody(cmd: ["sleep", "300"], image: TestEngine.image)
            body.hostConfig = HostConfig(networkMode: network)
            body.networkingConfig = NetworkingConfig(endpointsConfig: [network: EndpointSettings(macAddress: createMAC)])
            let created = try await Self.create(body, gatedAt: APIVersion(1, 44), client: client, resources: resources)
            let connect = EndpointSettings(macAddress: connectMAC)
            guard let created else {
                let request = NetworkConnectRequest(container: uniqueName("missing"), endpointConfig: connect)
                let refused = await #expect(throws: DockerError.self) { try await client.networks.connect(network, request) }
                #expect(refused?.category == .unsupportedByAPIVersion, "\(String(describing: refused))")
                return
            }
            // The MAC addresses of the container's interfaces, as its kernel reports them.
            func interfaceAddresses(_ id: String) async throws -> String {
                try await client.exec.run(["sh", "-c", "cat /sys/class/net/*/address"], in: id).output.stdoutText
            }
            try await client.containers.start(created)
            #expect(try await client.containers.inspect(created).networkSettings?.networks?[network]?.macAddress == createMAC)
            #expect(try await interfaceAddresses(created).contains(createMAC))
            // Accepted at connect; Docker 28.5's bridge driver then picks its own address (the
            // spec: "the network driver might ignore this parameter"), so only acceptance is checked.
            try await client.withContainer(["sleep", "300"]) { id in
                try await client.networks.connect(network, NetworkConnectRequest(container: id, endpointConfig: connect))
                #expect(try await client.containers.inspect(id).networkSettings?.networks?[network] != nil)
            }
        }
    }

    /// `shared-size` (1.42), `manifests` (1.47) and `identity` (1.54) of image list. The vfs
    /// graph-driver store has no manifests to show: from 1.47 the option is only accepted.
    @Test func imageListOptionsAreRefusedBelowTheirVersionAndHonouredFrom() async throws {
        try await TestEngine.withClient { client in
            let version = try await client.apiVersion()
            let plain = try await client.images.list(.init(references: [TestEngine.image]))
            #expect(plain.count == 1)
            #expect(plain.first?.sharedSize == -1, "not computed unless asked")
            if version < APIVersion(1, 42) {
                let refused = await #expect(throws: DockerError.self) { try await client.images.list(.init(sharedSize: true)) }
                #expect(refused?.category == .unsupportedByAPIVersion)
            } else {
                let shared = try await client.images.list(.init(sharedSize: true, references: [TestEngine.image]))
                #expect(shared.map(\.id) == plain.map(\.id))
                #expect(shared.first.map { $0.sharedSize >= 0 } == true, "\(String(describing: shared.first?.sharedSize))")
            }
            if version < APIVersion(1, 47) {
                let refused = await #expect(throws: DockerError.self) { try await client.images.list(.init(manifests: true)) }
                #expect(refused?.category == .unsupportedByAPIVersion)
            } else {
                #expect(try await client.images.list(.init(manifests: true, references: [TestEngine.image])).map(\.id) == plain.map(\.id))
            }
            if version < APIVersion(1, 54) {
                let refused = await #expect(throws: DockerError.self) {
                    try await client.images.list(.init(manifests: true, identity: true))
                }
                #expect(refused?.category == .unsupportedByAPIVersion)
            }
        }
    }

    /// `manifests` (1.48) and `platform` (1.49) of image inspect. Below, the image is missing: an
    /// inspect that reached the daemon would be `notFound`. From 1.49 a platform the image is
    /// not for is the daemon's `notFound`.
    @Test func imageInspectOptionsAreRefusedBelowTheirVersionAndHonouredFrom() async throws {
        try await TestEngine.withClient { client in
            let version = try await client.apiVersion()
            let image = try await client.images.inspect(TestEngine.image)
            let own = OCIPlatform(architecture: image.architecture, os: image.os, variant: image.variant)
            let other = OCIPlatform(architecture: image.architecture == "s390x" ? "ppc64le" : "s390x", os: "linux")
            let missing = "stevedore-test/missing:none"
            if version < APIVersion(1, 48) {
                let refused = await #expect(throws: DockerError.self) {
                    try await client.images.inspect(missing, options: .init(manifests: true))
                }
                #expect(refused?.category == .unsupportedByAPIVersion)
            } else {
                #expect(try await client.images.inspect(TestEngine.image, options: .init(manifests: true)).id == image.id)
            }
            guard version >= APIVersion(1, 49) else {
                let refused = await #expect(throws: DockerError.self) {
                    try await client.images.inspect(missing, options: .init(platform: own))
                }
                #expect(refused?.category == .unsupportedByAPIVersion)
                return
            }
            #expect(try await client.images.inspect(TestEngine.image, options: .init(platform: own)).id == image.id)
            let mismatch = await #expect(throws: DockerError.self) {
                try await client.images.inspect(TestEngine.image, options: .init(platform: other))
            }
            #expect(mismatch?.category == .notFound, "\(String(describing: mismatch))")
            let both = await #expect(throws: DockerError.self) {
                try await client.images.inspect(TestEngine.image, options: .init(manifests: true, platform: own))
            }
            #expect(both?.category == .invalidInput)
        }
    }
}
