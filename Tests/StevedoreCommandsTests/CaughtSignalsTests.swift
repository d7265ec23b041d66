import Synchronization
import Testing

@testable import StevedoreCommands

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Signals sent to this many-threaded test process while a ``CaughtSignals`` has them reach its
/// callback, every one; afterwards the signals are handled as they were before. One test at a
/// time: a signal's handling belongs to the whole process.
@Suite(.serialized) struct CaughtSignalsTests {
    @Test func everySignalSentIsCaughtThenTheHandlingIsRestored() async throws {
        // Ignored around the test: a signal that were not caught does not end the test process.
        for number in [SIGUSR1, SIGUSR2] { signal(number, SIG_IGN) }
        defer { for number in [SIGUSR1, SIGUSR2] { signal(number, SIG_DFL) } }
        let caught = Mutex<[Int32]>([])
        let sent: [Int32] = (0..<50).map { $0.isMultiple(of: 2) ? SIGUSR1 : SIGUSR2 }
        try await CaughtSignals.catching([SIGUSR1, SIGUSR2], onSignal: { number in caught.withLock { $0.append(number) } }) {
            for number in sent {
                let before = caught.withLock { $0.count }
                kill(getpid(), number)
                // A standard signal does not queue behind one of its kind: each is awaited.
                let deadline = ContinuousClock.now + .seconds(10)
                while caught.withLock({ $0.count }) == before, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(1))
                }
            }
        }
        #expect(caught.withLock { $0 } == sent)
        // The handler is gone: what was there before (SIG_IGN) is back.
        var action = sigaction()
        sigaction(SIGUSR1, nil, &action)
        #if canImport(Glibc)
            #expect(unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self))
        #endif
    }

    /// A signal handed back (`run`'s before its container exists) does what it did before it
    /// was caught: here, the handler that was installed first sees it.
    @Test func aRedeliveredSignalReachesTheHandlingItHadBefore() async throws {
        let handler: @convention(c) (Int32) -> Void = { _ in CaughtSignalsTests.reachedTheFormerHandler.store(true, ordering: .relaxed) }
        let former = signal(SIGUSR1, handler)
        defer { signal(SIGUSR1, former) }
        let caught = Atomic(0)
        try await CaughtSignals.catching(
            [SIGUSR1],
            onSignal: { number in
                caught.add(1, ordering: .relaxed)
                CaughtSignals.redeliver(number)
            }
        ) {
            kill(getpid(), SIGUSR1)
            let deadline = ContinuousClock.now + .seconds(10)
            while !Self.reachedTheFormerHandler.load(ordering: .relaxed), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(1))
            }
        }
        let (caughtCount, reached) = (caught.load(ordering: .relaxed), Self.reachedTheFormerHandler.load(ordering: .relaxed))
        #expect(caughtCount == 1)
        #expect(reached)
    }

    private static let reachedTheFormerHandler = Atomic(false)
}
