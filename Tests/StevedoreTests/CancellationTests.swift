import Stevedore
import StevedoreTestSupport
import Testing

/// Cancelling a task that is talking to the daemon: it fails with `CancellationError`, however
/// far the exchange got. (It failed with a ``DockerError`` saying the connection to the daemon
/// failed: the failure the task's own close caused.)
@Suite struct CancellationTests {
    /// How far the fake daemon goes with a request other than a ping.
    enum Answer: String, CaseIterable, Sendable {
        /// Nothing: the task waits for the response head (or an upgrade).
        case nothing
        /// A `200` head, and no body: the task waits for the body.
        case head
    }

    @Test(arguments: Answer.allCases)
    func aCancelledWaitThrowsCancellationError(answer: Answer) async throws {
        try await Self.expectCancellationError(answering: answer) { client in _ = try await client.containers.wait("c1") }
    }

    @Test func aCancelledAttachUpgradeThrowsCancellationError() async throws {
        try await Self.expectCancellationError(answering: .nothing) { client in
            try await client.containers.withAttach("c1", options: .init(stdin: true)) { _ in }
        }
    }

    /// Runs `operation` against a fake daemon that answers as `answer` says, cancels it once
    /// it is waiting, and expects `CancellationError`.
    static func expectCancellationError(
        answering answer: Answer, _ operation: @escaping @Sendable (DockerClient) async throws -> Void
    ) async throws {
        let server = try await FakeHTTPServer.start { connection in
            while let request = try await connection.readRequest() {
                guard !request.target.hasSuffix("/_ping") else {
                    try await connection.write(EventStreamTests.pingAnswer)
                    continue
                }
                if answer == .head { try await connection.write(EventStreamTests.streamHead) }
                _ = try? await connection.readToEOF()
                return
            }
        }
        let client = try EventStreamTests.client(for: server)
        let task = Task { try await operation(client) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let outcome = try await withTimeout(10) { await task.result }
        #expect(throws: CancellationError.self) { try outcome.get() }
        client.shutdown()
        await server.shutdown()
    }
}
