import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// A real daemon failing under the client: killed with SIGKILL mid-stream or mid-pull, restarted while the
/// pool holds kept-alive connections, a socket the user may not open. Each test has a dockerd
/// of its own (``DisposableEngine``, of the pass's engine), in each engine pass of scripts/test.
@Suite(
    "Faults of a real daemon", .serialized,
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct FaultTests {
    @Test func aKilledDaemonEndsEveryStreamWithATypedErrorWithinFiveSeconds() async throws {
        let context = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-fault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: context, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: context) }
        try Data("FROM \(TestEngine.image)\nRUN sleep 120\n".utf8).write(to: context.appendingPathComponent("Dockerfile"))

        try await DisposableEngine.with { engine in
            let client = try DockerClient(configuration: DockerClientConfiguration(host: try engine.host))
            defer { client.shutdown() }
            let ticking = ContainerCreateBody(cmd: ["sh", "-c", "while :; do echo tick; sleep 0.1; done"], image: TestEngine.image)
            let id = try await client.containers.create(ticking).id
            try await client.containers.start(id)
            let sleeping = ContainerCreateBody(cmd: ["sleep", "300"], image: TestEngine.image)

            // Each stream in flight reports how it ended; none may end as if all went well.
            let outcomes = try await withTimeout(60) {
                try await withThrowingTaskGroup(of: (String, String).self) { group in
                    func add(_ name: String, _ operation: @escaping @Sendable () async throws -> Void) {
                        group.addTask {
                            do {
                                try await operation()
                                return (name, "ended as if complete")
                            } catch is DockerError {
                                return (name, "DockerError")
                            } catch {
                                return (name, "untyped \(type(of: error)): \(error)")
                            }
                        }
                    }
                    add("logs --follow") { for try await _ in try await client.containers.logs(id, options: .init(follow: true)) {} }
                    add("events") { for try await _ in try await client.system.events() {} }
                    add("wait") { _ = try await client.containers.wait(id) }
                    add("attached run") {
                        _ = try await client.containers.withRun(sleeping, options: .init(create: .init(pull: .never))) { _, streams in
                            try await streams.output.collect(upTo: 1 << 20)
                        }
                    }
                    add("build") {
                        _ = try await client.images.build(context: BuildContext(directory: context), options: .init(noCache: true)).finish()
                    }
                    // Every request is under way (the build runs its `sleep`) before the kill.
                    try await Task.sleep(for: .seconds(3))
                    try await engine.kill()
                    let killed = ContinuousClock.now
                    var outcomes: [String: String] = [:]
                    for try await (name, outcome) in group {
                        outcomes[name] = outcome
                        #expect(ContinuousClock.now - killed < .seconds(5), "\(name) ended \(ContinuousClock.now - killed) after the kill")
                    }
                    return outcomes
                }
            }
            for (name, outcome) in outcomes.sorted(by: { $0.key < $1.key }) {
                #expect(outcome == "DockerError", "\(name): \(outcome)")
            }
            #expect(outcomes.count == 5)
        }
    }

    @Test func aDaemonKilledMidPullEndsThePullWithATypedError() async throws {
        try await TestRegistry.withRegistry { registry in
            try await DisposableEngine.with { engine in
                let client = try DockerClient(configuration: DockerClientConfiguration(host: try engine.host))
                defer { client.shutdown() }
                // 32 MiB that do not compress: the layer is still downloading when the daemon dies.
                let name = "\(registry.address)/stevedore/killed-pull:v1"
                let archive = TestArchive.tar(binaryFiles: [("noise.bin", TestArchive.randomBytes(32 << 20))])
                _ = try await client.images.import(from: .archive(.bytes(archive)), options: .init(repository: name)).finish()
                try await client.images.push(name).finish()
                try await client.images.remove(name, options: .init(force: true))

                let outcome = try await withTimeout(120) { () -> String in
                    var killed: ContinuousClock.Instant?
                    do {
                        for try await message in try await client.images.pull(name) where killed == nil && message.status == "Downloading" {
                            try await engine.kill()
                            killed = .now
                        }
                        return killed == nil ? "ended before a layer was downloading" : "ended as if complete"
                    } catch is DockerError {
                        guard let killed else { return "failed before the kill" }
                        #expect(ContinuousClock.now - killed < .seconds(5), "the pull ended \(ContinuousClock.now - killed) after the kill")
                        return "DockerError"
                    }
                }
                #expect(outcome == "DockerError")
            }
        }
    }

    @Test func aRestartedDaemonServesTheNextRequest() async throws {
        try await DisposableEngine.with { engine in
            let client = try DockerClient(configuration: DockerClientConfiguration(host: try engine.host))
            defer { client.shutdown() }
            // Several kept-alive connections go idle in the pool.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { _ = try await client.system.version() } }
                try await group.waitForAll()
            }
            try await engine.restart()
            #expect(try await client.system.version().apiVersion != nil)
            #expect(try await client.containers.list(.init(all: true)).count >= 0)
        }
    }

    @Test func aSocketTheUserMayNotOpenSaysSoWithTheHint() async throws {
        try await DisposableEngine.with { engine in
            // The socket is root's (mode 0660); `nobody` may not connect to it.
            let runuser = CommandLineProcess(executable: URL(fileURLWithPath: "/usr/sbin/runuser"))
            let outcome = try await runuser.run(
                ["-u", "nobody", "--", CommandLineProcess.stevedore.executable.path, "-H", try engine.host.description, "version"])
            #expect(outcome.status == 1, "\(outcome)")
            #expect(outcome.standardError.contains("permission denied while trying to connect to the Docker daemon"), "\(outcome)")
            #expect(outcome.standardError.contains("socket's group"), "\(outcome)")
            // docker's `run` reads its exit code from its words: "permission denied" is 126.
            let run = try await runuser.run(
                [
                    "-u", "nobody", "--", CommandLineProcess.stevedore.executable.path, "-H", try engine.host.description, "run",
                    TestEngine.image,
                ])
            #expect(run.status == 126 && run.standardError.contains("permission denied while trying to connect"), "\(run)")
        }
    }
}
