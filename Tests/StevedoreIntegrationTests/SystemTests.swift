import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

@Suite(
    "System API against the real engine",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct SystemTests {
    @Test func pingReportsTheDaemonsAPIVersion() async throws {
        try await TestEngine.withClient { client in
            let ping = try await client.system.ping()
            let version = try #require(ping.apiVersion)
            #expect(version >= APIVersion.clientMinimum)
            #expect(ping.osType == "linux")
        }
    }

    @Test func negotiatesTheLowerOfClientAndDaemon() async throws {
        try await TestEngine.withClient { client in
            let ping = try await client.system.ping()
            let negotiated = try await client.apiVersion()
            #expect(negotiated == min(try #require(ping.apiVersion), APIVersion.clientMaximum))
            let version = try await client.system.version()
            #expect(version.apiVersion == ping.apiVersion?.description)
        }
    }

    @Test func concurrentFirstRequestsShareOneNegotiation() async throws {
        try await TestEngine.withClient { client in
            try await withThrowingTaskGroup(of: APIVersion.self) { group in
                for _ in 0..<16 { group.addTask { try await client.apiVersion() } }
                var versions = Set<APIVersion>()
                for try await version in group { versions.insert(version) }
                #expect(versions.count == 1)
            }
        }
    }

    @Test func pinnedVersionIsUsedAsIs() async throws {
        var configuration = try DockerClientConfiguration.fromEnvironment()
        configuration.apiVersion = APIVersion(1, 30)
        let client = try DockerClient(configuration: configuration)
        defer { client.shutdown() }
        #expect(try await client.apiVersion() == APIVersion(1, 30))
        let version = try await client.system.version()
        #expect(version.version?.isEmpty == false)
    }

    @Test func aVersionTooNewForTheDaemonIsAVersionError() async throws {
        var configuration = try DockerClientConfiguration.fromEnvironment()
        configuration.apiVersion = APIVersion(1, 99)
        let client = try DockerClient(configuration: configuration)
        defer { client.shutdown() }
        let error = await #expect(throws: DockerError.self) { try await client.system.info() }
        #expect(error?.category == .versionMismatch)
        #expect(error?.statusCode == 400)
        #expect(error?.message.contains("too new") == true)
    }

    @Test func infoDescribesTheEngine() async throws {
        try await TestEngine.withClient { client in
            let info = try await client.system.info()
            #expect(info.driver == "vfs")
            #expect(info.osType == "linux")
            #expect((info.ncpu ?? 0) > 0)
            #expect(info.images != nil)
        }
    }

    @Test func dataUsageDecodes() async throws {
        try await TestEngine.withClient { client in
            let usage = try await TestEngine.withDiskUsageTurn { try await client.system.dataUsage() }
            let summary = usage.summary
            #expect(summary.images.totalCount >= 1, "the test image exists")
            #expect(summary.images.size > 0)
        }
    }

    @Test func systemDataUsageTypeNeedsAPI142() async throws {
        var configuration = try DockerClientConfiguration.fromEnvironment()
        configuration.apiVersion = APIVersion(1, 41)
        let client = try DockerClient(configuration: configuration)
        defer { client.shutdown() }
        let error = await #expect(throws: DockerError.self) {
            try await client.system.dataUsage(.init(types: [.image]))
        }
        #expect(error?.category == .unsupportedByAPIVersion)
        #expect(error?.message.contains("1.42") == true)
    }

    @Test func eventsBetweenTwoTimesEndAtUntil() async throws {
        try await TestEngine.withClient { client in
            let start = Date()
            // Tagging an image emits an `image tag` event; untagging it another.
            let tag = "t\(UInt32.random(in: 0...UInt32.max))"
            try await client.images.tag(TestEngine.image, repository: "stevedore-test/events", tag: tag)
            try await client.images.remove("stevedore-test/events:\(tag)")
            let options = SystemEventsOptions(
                since: SystemEventsOptions.timestamp(start.addingTimeInterval(-1)),
                until: SystemEventsOptions.timestamp(Date().addingTimeInterval(1)),
                filters: ["type": ["image"]]
            )
            var actions: [String] = []
            for try await event in try await client.system.events(options) {
                #expect(event.type == .image)
                if let action = event.action { actions.append(action) }
            }
            #expect(actions.contains("tag"))
            #expect(actions.contains("untag"))
        }
    }

    @Test func eventsStreamDeliversEventsAsTheyHappen() async throws {
        try await TestEngine.withClient { client in
            let tag = "t\(UInt32.random(in: 0...UInt32.max))"
            // The daemon answers before it subscribes: without `since`, a tag made right after the
            // answer can fall between the two and never be delivered.
            let options = SystemEventsOptions(
                since: SystemEventsOptions.timestamp(Date().addingTimeInterval(-1)),
                filters: ["type": ["image"], "event": ["tag"]]
            )
            let stream = try await client.system.events(options)
            try await client.images.tag(TestEngine.image, repository: "stevedore-test/live", tag: tag)
            // Other tests tag images concurrently: read until ours arrives (a stream that never
            // delivers it fails the test rather than holding the run).
            let names = try await withTimeout(120) {
                var iterator = stream.makeAsyncIterator()
                var names: [String] = []
                while let event = try await iterator.next(), names.count < 100 {
                    #expect(event.action == "tag")
                    names.append(event.actor?.attributes?["name"] ?? "")
                    if names.last == "stevedore-test/live:\(tag)" { break }
                }
                return names
            }
            #expect(names.last == "stevedore-test/live:\(tag)")
            try await client.images.remove("stevedore-test/live:\(tag)")
        }
    }

    @Test func authAgainstAnUnreachableRegistryIsAnError() async throws {
        try await TestEngine.withClient { client in
            await #expect(throws: DockerError.self) {
                try await client.system.auth(AuthConfig(username: "nobody", password: "wrong", serveraddress: "127.0.0.1:1"))
            }
        }
    }
}
