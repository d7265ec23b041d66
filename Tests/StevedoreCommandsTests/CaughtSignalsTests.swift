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
        try await CaughtSignals.catching([SIGUSR1, SIGUSR2], onSignal: { signal in caught.withLock { $0.append(signal.number) } }) {
            for number in sent {
                let before = caught.withLock { $0.count }
                kill(getpid(), number)
                // A standard signal does not queue behind one of its kind: each is awaited.
                try await Self.waitUntil { caught.withLock { $0.count } != before }
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
        Self.reachedTheFormerHandler.store(false, ordering: .relaxed)
        let handler: @convention(c) (Int32) -> Void = { _ in CaughtSignalsTests.reachedTheFormerHandler.store(true, ordering: .relaxed) }
        let former = signal(SIGUSR1, handler)
        defer { signal(SIGUSR1, former) }
        let caught = Atomic(0)
        try await CaughtSignals.catching(
            [SIGUSR1],
            onSignal: { signal in
                caught.add(1, ordering: .relaxed)
                signal.redeliver()
            }
        ) {
            kill(getpid(), SIGUSR1)
            try await Self.waitUntil { Self.reachedTheFormerHandler.load(ordering: .relaxed) }
        }
        let (caughtCount, reached) = (caught.load(ordering: .relaxed), Self.reachedTheFormerHandler.load(ordering: .relaxed))
        #expect(caughtCount == 1)
        #expect(reached)
    }

    /// Catchers nest (`run`'s inside the one every command has): the inner one has the signal,
    /// gives one back to the outer one, and after it ends the outer one has them all again.
    @Test func anInnerCatcherGivesItsSignalsBackToTheOuterOne() async throws {
        signal(SIGUSR1, SIG_IGN)
        defer { signal(SIGUSR1, SIG_DFL) }
        let outer = Atomic(0)
        let inner = Atomic(0)
        try await CaughtSignals.catching([SIGUSR1], onSignal: { _ in outer.add(1, ordering: .relaxed) }) {
            try await CaughtSignals.catching(
                [SIGUSR1],
                onSignal: { signal in
                    // The first stays here, the second goes back out.
                    if inner.add(1, ordering: .relaxed).newValue == 2 { signal.redeliver() }
                }
            ) {
                kill(getpid(), SIGUSR1)
                try await Self.waitUntil { inner.load(ordering: .relaxed) == 1 }
                kill(getpid(), SIGUSR1)
                try await Self.waitUntil { outer.load(ordering: .relaxed) == 1 }
            }
            kill(getpid(), SIGUSR1)
            try await Self.waitUntil { outer.load(ordering: .relaxed) == 2 }
        }
        let (innerCount, outerCount) = (inner.load(ordering: .relaxed), outer.load(ordering: .relaxed))
        #expect(innerCount == 2)
        #expect(outerCount == 2)
    }

    /// Waits up to 10 s for `condition`.
    private static func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition(), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    private static let reachedTheFormerHandler = Atomic(false)
}
