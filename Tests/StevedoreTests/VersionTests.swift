import Testing

@testable import Stevedore

@Suite struct APIVersionTests {
    @Test func parsesAndOrders() {
        #expect(APIVersion("1.41") == APIVersion(1, 41))
        #expect(APIVersion("v1.9") == APIVersion(1, 9))
        #expect(APIVersion("1.9")! < APIVersion("1.10")!)
        #expect(APIVersion("1") == nil)
        #expect(APIVersion("1.x") == nil)
        #expect(APIVersion("") == nil)
        #expect(APIVersion(1, 56).description == "1.56")
    }

    @Test func takesDigitsADotAndDigitsOnly() {
        #expect(APIVersion(" v1.41\n") == APIVersion(1, 41))
        #expect(APIVersion("0.0") == APIVersion(0, 0))
        for refused in ["+1.41", "1.-0", "1.4.1", ".41", "1.", "v", "vv1.41", "1 .41", "１.41", "1.99999999999999999999"] {
            #expect(APIVersion(refused) == nil, "\(refused)")
        }
    }
}

@Suite struct VersionNegotiationTests {
    @Test func downgradesToTheDaemon() throws {
        #expect(try VersionNegotiation.negotiatedVersion(daemon: APIVersion(1, 41)) == APIVersion(1, 41))
    }

    @Test func neverExceedsTheClient() throws {
        #expect(try VersionNegotiation.negotiatedVersion(daemon: APIVersion(1, 60)) == APIVersion.clientMaximum)
    }

    @Test func aDaemonWithoutVersionIsTakenAtTheMinimum() throws {
        #expect(try VersionNegotiation.negotiatedVersion(daemon: nil) == APIVersion.clientMinimum)
    }

    @Test func tooOldDaemonIsRefused() {
        let error = #expect(throws: DockerError.self) {
            try VersionNegotiation.negotiatedVersion(daemon: APIVersion(1, 23))
        }
        #expect(error?.category == .versionMismatch)
        #expect(error?.message.contains("1.24") == true)
    }

    @Test func pinnedVersionNeverNegotiates() async throws {
        let negotiation = VersionNegotiation(pinned: APIVersion(1, 25))
        let version = try await negotiation.version {
            Issue.record("negotiated although pinned"); return APIVersion(1, 41)
        }
        #expect(version == APIVersion(1, 25))
    }

    @Test func negotiatesOnceForConcurrentCallers() async throws {
        let negotiation = VersionNegotiation(pinned: nil)
        let counter = Counter()
        try await withThrowingTaskGroup(of: APIVersion.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await negotiation.version {
                        await counter.increment()
                        try await Task.sleep(nanoseconds: 20_000_000)
                        return APIVersion(1, 41)
                    }
                }
            }
            for try await version in group { #expect(version == APIVersion(1, 41)) }
        }
        #expect(await counter.value == 1)
    }

    @Test func aFailedNegotiationIsRetried() async throws {
        let negotiation = VersionNegotiation(pinned: nil)
        await #expect(throws: DockerError.self) {
            try await negotiation.version { throw DockerError(category: .daemonUnreachable, message: "down") }
        }
        let version = try await negotiation.version { APIVersion(1, 43) }
        #expect(version == APIVersion(1, 43))
    }

    @Test func versionGateNamesTheFeatureAndVersions() {
        let error = DockerError.requires("Env", minimum: APIVersion(1, 25), current: APIVersion(1, 24))
        #expect(error.category == .unsupportedByAPIVersion)
        #expect(error.message == "Env requires API ≥ 1.25, but the client uses API 1.24")
    }

    @Test func versionGateRefusesBeforeSendingOnAPinnedClient() async throws {
        // Nothing listens at this socket: reaching the network would be a different error.
        let client = try DockerClient(configuration: .init(host: .unixSocket("/nonexistent/docker.sock"), apiVersion: APIVersion(1, 24)))
        defer { client.shutdown() }
        let error = await #expect(throws: DockerError.self) {
            try await client.requireAPIVersion(APIVersion(1, 25), for: "Env")
        }
        #expect(error?.category == .unsupportedByAPIVersion)
        try await client.requireAPIVersion(APIVersion(1, 24), for: "anything at 1.24")
    }
}

actor Counter {
    private(set) var value = 0
    func increment() { self.value += 1 }
}
