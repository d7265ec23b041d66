import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The controlling terminal of an interactive `run`/`attach`/`exec -t`: raw mode while the
/// container has it, the window size, and its changes.
enum Terminal {
    /// Whether `descriptor` is a terminal.
    static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// docker's `CheckTty`: a process with a TTY whose input comes from this one needs a
    /// terminal on stdin (a pipe or a file cannot be put in raw mode, and the process would see
    /// its bytes as typed), so `run -it`, `exec -it` and `attach` refuse one before they start
    /// anything: `the input device is not a TTY`, exit code 1.
    static func checkInput(attachingStdin: Bool, tty: Bool) throws {
        guard tty, attachingStdin, !Self.isTerminal(STDIN_FILENO) else { return }
        throw CommandFailure(description: "the input device is not a TTY")
    }

    /// The size of the terminal on stdout (or stdin, or stderr), `nil` when none is one.
    static func size() -> (height: Int, width: Int)? {
        for descriptor in [STDOUT_FILENO, STDIN_FILENO, STDERR_FILENO] {
            if let size = Self.windowSize(of: descriptor), size.height > 0 { return size }
        }
        return nil
    }

    /// The width of the terminal standard output is, `nil` when it is not one (docker's
    /// `GetTtySize` on its output stream; a terminal whose size cannot be read is 0 wide).
    static func outputWidth() -> Int? {
        guard isTerminal(STDOUT_FILENO) else { return nil }
        return Self.windowSize(of: STDOUT_FILENO)?.width ?? 0
    }

    /// The window size of the terminal `descriptor` is, `nil` when it cannot be read (not a
    /// terminal).
    static func windowSize(of descriptor: Int32) -> (height: Int, width: Int)? {
        var window = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &window) == 0 else { return nil }
        return (Int(window.ws_row), Int(window.ws_col))
    }

    /// The mode stdin had before ``withRawMode(_:)`` or ``withEchoOff(_:)`` changed it, while
    /// it is changed; the lock also orders a change of mode and an exit (``exitRestoringMode(_:)``).
    private static let savedMode = Mutex<termios?>(nil)

    /// Runs `body` with stdin in raw mode (no echo, no line editing, no signals from keys:
    /// every byte goes to the container), restoring the previous mode on every way out:
    /// return, throw, or cancellation.
    static func withRawMode<Result>(_ body: () async throws -> Result) async throws -> Result {
        try await Self.withMode({ cfmakeraw(&$0) }, body)
    }

    /// Runs `body` with stdin's echo off (docker's password and unlock-key prompts), restoring
    /// the previous mode on every way out.
    static func withEchoOff<Result>(_ body: () async throws -> Result) async throws -> Result {
        try await Self.withMode({ $0.c_lflag &= ~tcflag_t(ECHO) }, body)
    }

    /// Runs `body` with stdin's mode changed by `change`, and restored on every way out.
    private static func withMode<Result>(_ change: (inout termios) -> Void, _ body: () async throws -> Result) async throws -> Result {
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return try await body() }
        var changed = saved
        change(&changed)
        Self.savedMode.withLock { mode in
            mode = saved
            tcsetattr(STDIN_FILENO, TCSANOW, &changed)
        }
        defer { Self.restoreMode() }
        return try await body()
    }

    /// Puts stdin back in the mode it had before ``withRawMode(_:)`` or ``withEchoOff(_:)``,
    /// while it is changed: on the way out of those calls, and before an exit that skips it.
    static func restoreMode() {
        Self.savedMode.withLock { Self.restore(&$0) }
    }

    /// Ends the process with `status` (`_exit`: the client's threads still run), stdin first
    /// put back in the mode it had before ``withRawMode(_:)`` or ``withEchoOff(_:)`` changed it.
    static func exitRestoringMode(_ status: Int32) -> Never {
        Self.savedMode.withLock { mode in
            Self.restore(&mode)
            _exit(status)
        }
    }

    private static func restore(_ mode: inout termios?) {
        guard var saved = mode.take() else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
    }

    /// Calls `onResize` with the new size each time the window changes (SIGWINCH) while
    /// `body` runs.
    static func watchingResizes<Result>(
        _ onResize: @escaping @Sendable (_ height: Int, _ width: Int) -> Void,
        _ body: () async throws -> Result
    ) async throws -> Result {
        try await CaughtSignals.catching([SIGWINCH]) { _ in
            if let size = Terminal.size() { onResize(size.height, size.width) }
        } _: {
            try await body()
        }
    }
}
