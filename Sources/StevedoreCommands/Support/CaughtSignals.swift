import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Signals this process handles itself while some work runs (`--sig-proxy`, Ctrl-C during a
/// service's convergence, terminal resizes): each signal's number goes from a handler of its own
/// to a pipe, read on a dispatch queue, where `onSignal` gets it.
///
/// Not a dispatch signal source: on Linux one learns of a signal through a signalfd, which
/// misses a signal delivered to a thread other than the one reading it, and the signal is
/// ignored (`SIG_IGN`) until the source is registered, later, on another thread. With one, a
/// `--sig-proxy` TERM was lost under load in CI, leaving `run` waiting for its container forever.
enum CaughtSignals {
    /// By signal number, the write end of the pipe of the catcher that has it, or -1; read by
    /// the handler, which may only make async-signal-safe calls (no locks, no allocation).
    private nonisolated(unsafe) static let pipes: UnsafeMutablePointer<Int32> = {
        let pipes = UnsafeMutablePointer<Int32>.allocate(capacity: Self.signalLimit)
        pipes.initialize(repeating: -1, count: Self.signalLimit)
        return pipes
    }()
    private static let signalLimit = 65
    /// By signal number, the action its catcher replaced, for ``redeliver(_:)``.
    private static let replacedActions = Mutex<[Int32: sigaction]>([:])

    /// Runs `body` with `signals` caught: `onSignal` is called with the number of each one
    /// caught, on a dispatch queue. Their handling is restored afterwards.
    static func catching<Result>(
        _ signals: [Int32], onSignal: @escaping @Sendable (Int32) -> Void, _ body: () async throws -> Result
    ) async throws -> Result {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else {
            throw CommandFailure(description: "cannot catch signals: pipe: \(String(cString: strerror(errno)))")
        }
        let (readEnd, writeEnd) = (descriptors[0], descriptors[1])
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        let reader = DispatchSource.makeReadSource(fileDescriptor: readEnd, queue: .global())
        reader.setEventHandler {
            var numbers = [UInt8](repeating: 0, count: 64)
            while case let count = read(readEnd, &numbers, numbers.count), count > 0 {
                for number in numbers.prefix(count) { onSignal(Int32(number)) }
            }
        }
        reader.setCancelHandler { close(readEnd) }
        reader.resume()
        let caught = signals.filter { (1..<Int32(Self.signalLimit)).contains($0) }
        for number in caught { Self.pipes[Int(number)] = writeEnd }
        let previousActions = caught.map(Self.catchSignal)
        Self.replacedActions.withLock { replaced in
            for (number, action) in zip(caught, previousActions) { replaced[number] = action }
        }
        defer {
            Self.replacedActions.withLock { replaced in
                for number in caught { replaced[number] = nil }
            }
            for (number, action) in zip(caught, previousActions) {
                var action = action
                sigaction(number, &action, nil)
                Self.pipes[Int(number)] = -1
            }
            // No handler writes to the pipe any more.
            close(writeEnd)
            reader.cancel()
        }
        return try await body()
    }

    /// Lets a caught signal do what it did before it was caught, ending the process for most:
    /// puts back the action its catcher replaced and sends it to the process again. Until the
    /// catcher's `body` returns, that signal is no longer caught.
    ///
    /// Sent to the process, not raised in the calling thread: dispatch's threads block such
    /// signals, so one raised there would stay pending.
    static func redeliver(_ number: Int32) {
        guard var action = Self.replacedActions.withLock({ $0[number] }) else { return }
        sigaction(number, &action, nil)
        kill(getpid(), number)
    }

    /// Installs the handler that writes `number` to its catcher's pipe; returns the action it
    /// replaces.
    private static func catchSignal(_ number: Int32) -> sigaction {
        let handler: @convention(c) (Int32) -> Void = { number in
            guard (1..<Int32(CaughtSignals.signalLimit)).contains(number) else { return }
            let descriptor = CaughtSignals.pipes[Int(number)]
            guard descriptor >= 0 else { return }
            var byte = UInt8(truncatingIfNeeded: number)
            _ = write(descriptor, &byte, 1)
        }
        var action = sigaction()
        #if canImport(Glibc)
            action.__sigaction_handler = .init(sa_handler: handler)
        #else
            action.__sigaction_u = .init(__sa_handler: handler)
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        var previous = sigaction()
        sigaction(number, &action, &previous)
        return previous
    }
}
