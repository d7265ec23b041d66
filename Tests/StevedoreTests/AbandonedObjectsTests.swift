import NIOConcurrencyHelpers
import Testing

@testable import Stevedore

/// The helpers every create and every clean-up of an abandoned object goes through, driven
/// with closures in place of requests: when a create runs, when it is cancelled and when what
/// it made is removed.
struct AbandonedObjectsTests {
    /// A client whose socket does not exist: the helpers use only its executor.
    private func withClient(_ body: (DockerClient) async throws -> Void) async throws {
        let client = try DockerClient(configuration: .init(host: .unixSocket("/nonexistent/docker.sock")))
        defer { client.shutdown() }
        try await body(client)
    }

    /// A signal one task gives and another waits for.
    private struct Signal: Sendable {
        private let stream: AsyncStream<Void>
        private let continuation: AsyncStream<Void>.Continuation

        init() { (self.stream, self.continuation) = AsyncStream.makeStream() }

        func give() { self.continuation.finish() }

        /// Returns when the signal is given, or when the waiting task is cancelled.
        func wait() async {
            for await _ in self.stream {}
        }
    }

    @Test func aCreateCancelledInFlightIsAnsweredThenUndone() async throws {
        try await withClient { client in
            let started = Signal()
            let answer = Signal()
            let createSawCancellation = NIOLockedValueBox<Bool?>(nil)
            let removed = NIOLockedValueBox<[Int]>([])
            let removalSawCancellation = NIOLockedValueBox<Bool?>(nil)
            let call = Task {
                try await client.createLeavingNothingIfCancelled {
                    started.give()
                    await answer.wait()
                    createSawCancellation.withLockedValue { $0 = Task.isCancelled }
                    return 42
                } removing: { created in
                    removalSawCancellation.withLockedValue { $0 = Task.isCancelled }
                    removed.withLockedValue { $0.append(created) }
                }
            }
            await started.wait()
            call.cancel()
            answer.give()
            await #expect(throws: CancellationError.self) { try await call.value }
            #expect(createSawCancellation.withLockedValue { $0 } == false)
            #expect(removed.withLockedValue { $0 } == [42])
            #expect(removalSawCancellation.withLockedValue { $0 } == false)
        }
    }

    @Test func aCreateThatOutlastsTheGraceIsCancelledAndNothingRemoved() async throws {
        try await withClient { client in
            let started = Signal()
            let removed = NIOLockedValueBox(false)
            let call = Task {
                try await client.createLeavingNothingIfCancelled(grace: .milliseconds(50)) {
                    started.give()
                    // Never answered: returns when cancelled, as a request does.
                    await Signal().wait()
                    try Task.checkCancellation()
                    return 1
                } removing: { _ in
                    removed.withLockedValue { $0 = true }
                }
            }
            await started.wait()
            let clock = ContinuousClock()
            let cancelled = clock.now
            call.cancel()
            await #expect(throws: CancellationError.self) { try await call.value }
            #expect(clock.now - cancelled >= .milliseconds(50))
            #expect(!removed.withLockedValue { $0 })
        }
    }

    /// The grace counts from the caller's cancellation: a create slower than the grace, of a
    /// caller never cancelled, is answered.
    @Test func aCreateIsGivenAllItsTimeUntilTheCallerIsCancelled() async throws {
        try await withClient { client in
            let created = try await client.createLeavingNothingIfCancelled(grace: .milliseconds(20)) {
                try await Task.sleep(for: .milliseconds(100))
                return 3
            } removing: { _ in
            }
            #expect(created == 3)
        }
    }

    @Test func aCreateNotCancelledGivesItsOutcomeAndRemovesNothing() async throws {
        try await withClient { client in
            let removed = NIOLockedValueBox(false)
            let markRemoved: @Sendable (Int) async throws -> Void = { _ in removed.withLockedValue { $0 = true } }
            let answered: @Sendable () async throws -> Int = { 7 }
            let refused: @Sendable () async throws -> Int = { throw DockerError.invalidInput("refused") }
            let created = try await client.createLeavingNothingIfCancelled(answered, removing: markRemoved)
            #expect(created == 7)
            let error = await #expect(throws: DockerError.self) {
                try await client.createLeavingNothingIfCancelled(refused, removing: markRemoved)
            }
            #expect(error?.message == "refused")
            #expect(!removed.withLockedValue { $0 })
        }
    }

    @Test func aCreateFromACancelledTaskDoesNotRun() async throws {
        try await withClient { client in
            let ran = NIOLockedValueBox(false)
            let call = Task {
                while !Task.isCancelled { await Task.yield() }
                return try await client.createLeavingNothingIfCancelled {
                    ran.withLockedValue { $0 = true }
                    return 1
                } removing: { _ in
                }
            }
            call.cancel()
            await #expect(throws: CancellationError.self) { try await call.value }
            #expect(!ran.withLockedValue { $0 })
        }
    }

    @Test func anAbandonedObjectIsRemovedFromACancelledTaskWithinItsGrace() async throws {
        try await withClient { client in
            let removals = NIOLockedValueBox<[String]>([])
            let stuckRemovalCancelled = NIOLockedValueBox(false)
            let clock = ContinuousClock()
            let start = clock.now
            let call = Task {
                while !Task.isCancelled { await Task.yield() }
                await client.removeAbandoned { removals.withLockedValue { $0.append(Task.isCancelled ? "cancelled" : "sent") } }
                await client.removeAbandoned(grace: .milliseconds(50)) {
                    await Signal().wait()
                    stuckRemovalCancelled.withLockedValue { $0 = Task.isCancelled }
                }
            }
            call.cancel()
            await call.value
            #expect(removals.withLockedValue { $0 } == ["sent"])
            #expect(stuckRemovalCancelled.withLockedValue { $0 })
            #expect(clock.now - start >= .milliseconds(50))
        }
    }
}
