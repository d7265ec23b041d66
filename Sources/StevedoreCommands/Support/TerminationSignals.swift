import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGINT and SIGTERM during a command, handled as docker's CLI handles them: the first cancels
/// the command (its requests, streams and prompts end with its task), which then ends with exit
/// code 128 + the signal's number and without a word, even when it returns as if it had
/// finished (also one that did, as the signal came), unless it chooses its ending with a
/// ``CommandFailure`` (`exec`'s and a prompt's exit code 0, as docker's). The third ends the
/// process at once, for a command that cannot stop (a write to a pipe nobody reads, a read of
/// all of stdin such as `build -`'s, as docker's): exit code 1 after `got 3 SIGTERM/SIGINTs,
/// forcefully exiting`, the terminal's mode restored.
///
/// As Go's `signal.Notify` in docker's CLI, this takes SIGINT even where it was inherited
/// ignored (a background job of a script), so that `kill -INT` ends `logs -f &`. A command that
/// handles them itself (`run`, `attach` and `start -a`: ``SignalProxy``) has them while it does.
enum TerminationSignals {
    /// The SIGINT or SIGTERM that ends the process without waiting for the command.
    private static let forcedExitCount = 3

    /// Runs `command` in a task of its own with SIGINT and SIGTERM handled; returns how it
    /// ended and the signal that cancelled it, if one did. The command starts once the handling
    /// is in place, so that the catchers it installs itself nest inside it.
    static func handling(
        _ command: sending @escaping @isolated(any) () async throws -> Void
    ) async -> (outcome: Result<Void, any Error>, signal: Int32?) {
        let (installed, handlingInstalled) = AsyncStream<Never>.makeStream()
        let task = Task {
            for await _ in installed {}
            try await command()
        }
        let first = Atomic<Int32>(0)
        let received = Atomic(0)
        let outcome = try? await CaughtSignals.catching([SIGINT, SIGTERM]) { signal in
            _ = first.compareExchange(expected: 0, desired: signal.number, ordering: .relaxed)
            task.cancel()
            Self.count(in: received)
        } _: {
            handlingInstalled.finish()
            return await task.result
        }
        // Without the handling (no pipe for it: the process is out of descriptors), the command
        // runs all the same.
        handlingInstalled.finish()
        let ended = if let outcome { outcome } else { await task.result }
        let signal = first.load(ordering: .relaxed)
        return (ended, signal == 0 ? nil : signal)
    }

    /// Counts one more SIGINT or SIGTERM in `received`, a catcher's count (this one's, or
    /// ``SignalProxy``'s while it has them); the ``forcedExitCount``th ends the process as
    /// docker's CLI does: its message, the terminal's mode restored, exit code 1. Called from a
    /// catcher's callback (on a dispatch queue, not in a signal handler): `_exit` while the
    /// command's threads still run.
    static func count(in received: borrowing Atomic<Int>) {
        guard received.add(1, ordering: .relaxed).newValue == Self.forcedExitCount else { return }
        // Written as it can be: a stderr that is gone must not stop the exit.
        var message = "\ngot \(Self.forcedExitCount) SIGTERM/SIGINTs, forcefully exiting\n"
        message.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
        Terminal.exitRestoringMode(1)
    }
}
