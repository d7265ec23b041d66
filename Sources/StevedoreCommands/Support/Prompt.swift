import StevedoreText

/// docker's prompts: prints `prompt` on stdout and reads a line of stdin, nil at its end; with
/// `echo` false (a password, an unlock key), with the terminal's echo off, the newline typed
/// then printed.
///
/// A SIGINT or SIGTERM while it waits (the task's cancellation, see ``TerminationSignals``)
/// ends the line and the command quietly with exit code 0, as docker's prompts do.
func promptLine(_ prompt: String, echo: Bool = true) async throws -> String? {
    let read = {
        // After the echo is off, as docker's: what is typed ahead is not shown either.
        printOut(prompt)
        return try await blockingCall { readLine() }
    }
    let line: String?
    do {
        line = try await echo ? read() : Terminal.withEchoOff(read)
    } catch is CancellationError {
        printOut("\n")
        throw CommandFailure(description: "", exitCode: 0)
    }
    // The newline typed was not echoed.
    if !echo { printOut("\n") }
    return line
}

/// Asks docker's `Are you sure you want to continue? [y/N]` after `warning`, unless `force`
/// (see ``promptYesNo(_:unless:)``).
func confirm(_ warning: String, unless force: Bool = false) async throws -> Bool {
    try await promptYesNo(warning + "\nAre you sure you want to continue?", unless: force)
}

/// docker's `prompt.Confirm`: prints `question` and ` [y/N] ` on stdout and reads a line of
/// stdin (see ``promptLine(_:echo:)``); true only for `y` or `Y` (docker takes `yes` as no).
/// End of input is no. With `force`, true without asking.
func promptYesNo(_ question: String, unless force: Bool = false) async throws -> Bool {
    if force { return true }
    guard let answer = try await promptLine(question + " [y/N] ") else { return false }
    return answer.trimmingWhitespace().lowercased() == "y"
}
