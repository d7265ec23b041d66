import NIOCore
import Stevedore
import StevedoreTestSupport
import Testing

@Suite(
    "Logs against the real engine", .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct LogsTests {
    private func lines(_ client: DockerClient, _ id: String, _ options: ContainerLogsOptions) async throws -> [OutputLine] {
        var lines: [OutputLine] = []
        for try await line in try await client.containers.logLines(id, options: options) { lines.append(line) }
        return lines
    }

    /// A container that wrote `one`, `two` (stderr), `three`, a moment apart, and exited.
    private func withFinishedContainer(_ client: DockerClient, _ test: (String) async throws -> Void) async throws {
        let script = "echo one; sleep 0.5; echo two >&2; sleep 0.5; echo three"
        try await withContainer(ContainerCreateBody(cmd: ["sh", "-c", script]), client: client) { id in
            try await client.containers.start(id)
            _ = try await client.containers.wait(id)
            try await test(id)
        }
    }

    @Test func tailTimestampsSinceAndUntil() async throws {
        try await TestEngine.withClient { client in
            try await self.withFinishedContainer(client) { id in
                let all = try await self.lines(client, id, .init(timestamps: true))
                #expect(all.map(\.text) == ["one", "two", "three"])
                #expect(all.map(\.stream) == [.stdout, .stderr, .stdout])
                let times = all.compactMap(\.timestamp)
                #expect(times.count == 3)
                #expect(times == times.sorted())

                #expect(try await self.lines(client, id, .init(tail: .lines(2))).map(\.text) == ["two", "three"])
                #expect(try await self.lines(client, id, .init(tail: .lines(0))).isEmpty)
                #expect(try await self.lines(client, id, .init(stderr: false)).map(\.text) == ["one", "three"])

                // The daemon's since and until both include the given instant.
                let second = times[1]
                let atSecond = "\(second.secondsSince1970).\(String(format: "%09d", second.nanoseconds))"
                #expect(try await self.lines(client, id, .init(since: atSecond)).map(\.text) == ["two", "three"])
                #expect(try await self.lines(client, id, .init(until: atSecond)).map(\.text) == ["one", "two"])
                let beforeSecond = "\(second.secondsSince1970).\(String(format: "%09d", second.nanoseconds - 1))"
                #expect(second.nanoseconds > 0)
                #expect(try await self.lines(client, id, .init(until: beforeSecond)).map(\.text) == ["one"])
            }
        }
    }

    @Test func followReceivesLaterLinesAndEndsWhenTheContainerStops() async throws {
        try await TestEngine.withClient { client in
            let script = "echo first; while [ ! -f /tmp/go ]; do sleep 0.05; done; echo second"
            try await withContainer(ContainerCreateBody(cmd: ["sh", "-c", script]), client: client) { id in
                try await client.containers.start(id)
                var iterator = try await client.containers.logLines(id, options: .init(follow: true)).makeAsyncIterator()
                #expect(try await iterator.next()?.text == "first")
                // Only now does the container write its second line.
                #expect(try await client.exec.run(["touch", "/tmp/go"], in: id).exitCode == 0)
                #expect(try await iterator.next()?.text == "second")
                #expect(try await iterator.next() == nil)
            }
        }
    }

    @Test func cancellingAFollowEndsIt() async throws {
        try await TestEngine.withClient { client in
            try await withContainer(ContainerCreateBody(cmd: ["sh", "-c", "echo started; sleep 300"]), client: client) { id in
                try await client.containers.start(id)
                let follower = Task {
                    var count = 0
                    for try await _ in try await client.containers.logs(id, options: .init(follow: true)) { count += 1 }
                    return count
                }
                try await Task.sleep(for: .milliseconds(300))
                follower.cancel()
                let result = await follower.result
                // Cancelled: it either threw or ended; it did not wait for the container.
                if case .success(let count) = result { #expect(count <= 1) }
                #expect(try await client.containers.inspect(id).state?.running == true)
            }
        }
    }

    @Test func ttyLogsAreRaw() async throws {
        try await TestEngine.withClient { client in
            try await withContainer(ContainerCreateBody(tty: true, cmd: ["sh", "-c", "echo tty-line"]), client: client) { id in
                try await client.containers.start(id)
                _ = try await client.containers.wait(id)
                let output = try await client.containers.logs(id)
                #expect(output.framing == .raw)
                #expect(try await output.collect(upTo: 1 << 10).stdoutText == "tty-line\r\n")
            }
        }
    }
}
