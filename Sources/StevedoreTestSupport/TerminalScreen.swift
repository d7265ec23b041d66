import Foundation

/// What a program leaves on a real terminal: tmux runs it in a detached 120×30 session and the
/// screen is read once the program has exited, as a user would see it (progress redrawn in
/// place, not a log of every update).
public enum TerminalScreen {
    /// tmux could not run the program, or the program did not finish in time.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The screen after `tool` has run with `arguments` in tmux (`tmux` on `PATH` when nil),
    /// up to the program's exit; the tool's environment changes apply, over this process's
    /// `DOCKER_HOST` and `DOCKER_CONFIG`. Fails after `seconds`, showing the screen so far.
    public static func final(
        of tool: CommandLineProcess, _ arguments: [String], tmux: CommandLineProcess, seconds: Double = 300
    ) async throws -> String {
        let server = "stevedore-test-\(UInt32.random(in: 0...UInt32.max))"
        var environment: [String: String?] = [:]
        for name in ["DOCKER_HOST", "DOCKER_CONFIG"] {
            environment[name] = ProcessInfo.processInfo.environment[name]
        }
        environment.merge(tool.environment) { $1 }
        // env takes its options (`-u NAME`, a removal) before the assignments.
        let sorted = environment.sorted { $0.key < $1.key }
        let settings =
            sorted.filter { $0.value == nil }.map { "-u \($0.key)" }
            + sorted.compactMap { name, value in value.map { "\(name)=\(Self.quoted($0))" } }
        // Once the program has printed its exit status, the line signals a tmux channel: the
        // test waits on that one client instead of polling the screen.
        let signal = "\(Self.quoted(tmux.executable.path)) -L \(server) wait-for -S finished"
        let line =
            (["env"] + settings + ([tool.executable.path] + arguments).map(Self.quoted)).joined(separator: " ")
            + "; echo \"[exit $?]\"; \(signal); sleep 600"
        // The line runs in sh, whatever the user's shell (tmux's default-shell is $SHELL).
        let started = try await tmux.run([
            "-L", server, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "30", "/bin/sh", "-c", line,
        ])
        guard started.status == 0 else { throw Failure(description: "tmux: \(started)") }
        let finished = try? await withTimeout(seconds) { try await tmux.run(["-L", server, "wait-for", "finished"]) }
        let screen = try? await tmux.run(["-L", server, "capture-pane", "-p"]).standardOutput
        // Awaited, so that no tmux server outlives the test, with a program still running in it.
        _ = try? await tmux.run(["-L", server, "kill-server"])
        guard finished?.status == 0, let screen, let end = screen.range(of: "[exit ", options: .backwards) else {
            throw Failure(description: "\(arguments) did not finish within \(Int(seconds)) s in tmux; its screen:\n\(screen ?? "")")
        }
        return String(screen[..<end.lowerBound])
    }

    /// `text` in single quotes for the shell tmux starts.
    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
