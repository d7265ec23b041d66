import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Signals this process handles itself while some work runs (SIGINT and SIGTERM during any
/// command, `--sig-proxy`, Ctrl-C during a service's convergence, terminal resizes): each
/// signal's number goes from a handler of its own to a pipe, read on a dispatch queue, where
/// `onSignal` gets it.
///
/// Catchers of one signal nest as calls do: the innermost has it, and gives it back to the one
/// around it when its work ends (or when it redelivers it).
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
    /// By signal number, what the catcher that has it replaced, for ``redeliver(_:)``.
    private static let replaced = Mutex<[Int32: Replaced]>([:])

    /// A signal's handling before a catcher took it.
    private struct Replaced {
        var action: sigaction
        /// The enclosing catcher's pipe, or -1.
        var pipe: Int32
    }

    /// A signal a catcher caught, as its `onSignal` gets it.
    struct Caught: Sendable {
        /// The signal's number.
        let number: Int32
        /// The write end of the pipe of the catcher that caught it.
        fileprivate let catcher: Int32

        /// Lets the signal do what it did before its catcher took it (ending the process for
        /// most, or reaching the enclosing catcher): puts back the handling the catcher
        /// replaced, unless the catcher's end already did, and sends the signal to the process
        /// again. Until the catcher's `body` returns, that signal is no longer caught.
        ///
        /// Sent to the process, not raised in the calling thread: dispatch's threads block such
        /// signals, so one raised there would stay pending.
        func redeliver() {
            CaughtSignals.replaced.withLock { replaced in
                guard CaughtSignals.pipes[Int(self.number)] == self.catcher, let entry = replaced[self.number] else { return }
                CaughtSignals.restore(self.number, entry)
            }
            kill(getpid(), self.number)
        }
    }

    /// Runs `body` with `signals` caught: `onSignal` is called with each one caught, on a
    /// dispatch queue. Their handling is restored afterwards. A catcher inside another takes
    /// its signals from it until its `body` returns.
    static func catching<Result>(
        _ signals: [Int32], onSignal: @escaping @Sendable (Caught) -> Void, _ body: () async throws -> Result
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
                for number in numbers.prefix(count) { onSignal(Caught(number: Int32(number), catcher: writeEnd)) }
            }
        }
        reader.setCancelHandler { close(readEnd) }
        reader.resume()
        let caught = signals.filter { (1..<Int32(Self.signalLimit)).contains($0) }
        // What each catcher replaced changes with the handling, under one lock: a signal
        // redelivered as this one ends finds either this one's or what was before it.
        let enclosing = Self.replaced.withLock { replaced in
            let enclosing = caught.map { replaced[$0] }
            for number in caught {
                let pipe = Self.pipes[Int(number)]
                Self.pipes[Int(number)] = writeEnd
                replaced[number] = Replaced(action: Self.catchSignal(number), pipe: pipe)
            }
            return enclosing
        }
        defer {
            Self.replaced.withLock { replaced in
                for (number, outer) in zip(caught, enclosing) {
                    if let entry = replaced[number], Self.pipes[Int(number)] == writeEnd { Self.restore(number, entry) }
                    replaced[number] = outer
                }
            }
            // No handler writes to the pipe any more.
            close(writeEnd)
            reader.cancel()
        }
        return try await body()
    }

    /// Puts back `entry`'s handling of `number`: the pipe first, so that the handler in
    /// between (this catcher's) writes to the enclosing catcher's.
    private static func restore(_ number: Int32, _ entry: Replaced) {
        Self.pipes[Int(number)] = entry.pipe
        var action = entry.action
        sigaction(number, &action, nil)
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
