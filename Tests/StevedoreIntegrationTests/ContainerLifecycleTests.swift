import Stevedore
import StevedoreTestSupport
import Testing

@Suite(
    "Container lifecycle against the real engine",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct ContainerLifecycleTests {
    @Test func createStartWaitRemoveReportsTheExitCode() async throws {
        try await TestEngine.withClient { client in
            let created = try await client.containers.create(ContainerCreateBody(cmd: ["sh", "-c", "exit 3"], image: TestEngine.image))
            let id = created.id
            try await client.containers.start(id)
            let exit = try await client.containers.wait(id)
            #expect(exit.statusCode == 3)
            let inspected = try await client.containers.inspect(id)
            #expect(inspected.state?.exitCode == 3)
            try await client.containers.remove(id)
            let error = await #expect(throws: DockerError.self) { try await client.containers.inspect(id) }
            #expect(error?.category == .notFound)
        }
    }

    @Test func startingARunningContainerSucceeds() async throws {
        try await TestEngine.withClient { client in
            let id = try await client.containers.create(ContainerCreateBody(cmd: ["sleep", "30"], image: TestEngine.image)).id
            try await client.containers.start(id)
            try await client.containers.start(id)
            let error = await #expect(throws: DockerError.self) { try await client.containers.remove(id) }
            #expect(error?.category == .conflict)
            try await client.containers.remove(id, options: .init(force: true))
        }
    }

    @Test func badNamesAndIdsFailBeforeAnyRequest() async throws {
        try await TestEngine.withClient { client in
            for name in ["a", "-x", "has space", "bad/name", "é1"] {
                let error = await #expect(throws: DockerError.self) {
                    try await client.containers.create(ContainerCreateBody(image: TestEngine.image), options: .init(name: name))
                }
                #expect(error?.category == .invalidInput)
            }
            for id in ["", "a/b", "../images"] {
                let error = await #expect(throws: DockerError.self) { try await client.containers.inspect(id) }
                #expect(error?.category == .invalidInput)
            }
        }
    }

    @Test func aMissingImageIsNotFoundWithoutAPullAndThePullsErrorWithOne() async throws {
        try await TestEngine.withClient { client in
            let error = await #expect(throws: DockerError.self) {
                try await client.containers.create(ContainerCreateBody(image: "stevedore-test/missing:none"), options: .init(pull: .never))
            }
            #expect(error?.category == .notFound)
            // By default the image is pulled; from a registry that refuses connections, the
            // pull's error is thrown, not the create's.
            let refused = await #expect(throws: DockerError.self) {
                try await client.containers.create(ContainerCreateBody(image: "127.0.0.1:1/stevedore-test/missing:none"))
            }
            #expect(refused?.message.contains("connection refused") == true, "\(String(describing: refused))")
        }
    }
}
