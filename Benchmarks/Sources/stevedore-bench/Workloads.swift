import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The workloads that need only requests and responses (1, 2, 7, 9 of Benchmarks/README.md).
enum RequestWorkloads {
    /// ping-seq: `count` sequential pings on the pooled (kept-alive) connection.
    static func pingSequence(_ client: DockerClient, count: Int) async throws -> BenchResult {
        var latencies: [Duration] = []
        latencies.reserveCapacity(count)
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<count {
            let sent = clock.now
            let ping = try await client.system.ping()
            guard ping.apiVersion != nil else { throw BenchFailure("ping without API version") }
            latencies.append(clock.now - sent)
        }
        return BenchResult(operations: count, duration: clock.now - start, latencies: latencies)
    }

    /// list-conc: `workers` concurrent tasks, each listing all containers `each` times.
    static func listConcurrently(_ client: DockerClient, workers: Int, each: Int, minimumCount: Int) async throws -> BenchResult {
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<workers {
                group.addTask {
                    for _ in 0..<each {
                        let found = try await client.containers.list(.init(all: true)).count
                        guard found >= minimumCount else {
                            throw BenchFailure("list returned \(found) containers, expected at least \(minimumCount)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        return BenchResult(operations: workers * each, duration: clock.now - start)
    }

    /// lifecycle: `count` containers running `true`, `parallel` at a time: create, start,
    /// wait (exit code 0), remove.
    static func lifecycle(_ client: DockerClient, image: String, count: Int, parallel: Int) async throws -> BenchResult {
        let body = trueContainer(image)
        let clock = ContinuousClock()
        let start = clock.now
        try await forEach(0..<count, parallel: parallel) { _ in
            let id = try await client.containers.create(body).id
            try await client.containers.start(id)
            let exit = try await client.containers.wait(id)
            guard exit.statusCode == 0 else { throw BenchFailure("container exited \(exit.statusCode)") }
            try await client.containers.remove(id)
        }
        return BenchResult(operations: count, duration: clock.now - start)
    }

    /// run: lifecycle through ``DockerClient/Containers/run(_:options:pullProgress:)`` with
    /// `removeWhenDone`: the same four requests, the wait sent before the start.
    static func run(_ client: DockerClient, image: String, count: Int, parallel: Int) async throws -> BenchResult {
        let body = trueContainer(image)
        let clock = ContinuousClock()
        let start = clock.now
        try await forEach(0..<count, parallel: parallel) { _ in
            let run = try await client.containers.run(body, options: .init(removeWhenDone: true))
            guard run.exitCode == 0 else { throw BenchFailure("container exited \(run.exitCode)") }
        }
        return BenchResult(operations: count, duration: clock.now - start)
    }

    /// The container lifecycle and run create: `true` without a network, so that the two
    /// workloads make the same create.
    static func trueContainer(_ image: String) -> ContainerCreateBody {
        ContainerCreateBody(cmd: ["true"], image: image, hostConfig: HostConfig(networkMode: "none"))
    }

    /// build-context: `POST /build` of `directory` (its Dockerfile and .dockerignore), tarred
    /// and streamed by ``BuildContext``, to the image id.
    static func build(_ client: DockerClient, directory: URL) async throws -> BenchResult {
        let clock = ContinuousClock()
        let start = clock.now
        let context = try BuildContext(directory: directory)
        let summary = try await client.images.build(context: context).finish()
        guard summary.imageID != nil else { throw BenchFailure("build: no image id") }
        return BenchResult(operations: 1, duration: clock.now - start)
    }

    /// Runs `body` for each element, at most `parallel` at a time.
    static func forEach<Elements: Sequence & Sendable>(
        _ elements: Elements, parallel: Int, _ body: @escaping @Sendable (Elements.Element) async throws -> Void
    ) async throws where Elements.Element: Sendable {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running = 0
            for element in elements {
                if running == parallel {
                    try await group.next()
                    running -= 1
                }
                group.addTask { try await body(element) }
                running += 1
            }
            try await group.waitForAll()
        }
    }
}
