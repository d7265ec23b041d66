import Foundation
import ArgumentParser
import Stevedore

/// The options `run` and `exec` share: how the process runs and how this terminal connects
/// to it.
struct ProcessOptions: ParsableArguments {
    @Flag(name: [.customShort("d"), .long], help: "Detached mode: run in the background")
    var detach = false

    @Option(name: .long, help: "Override the key sequence for detaching a container")
    var detachKeys: String?

    @Option(name: [.customShort("e"), .long], help: "Set environment variables")
    var env: [String] = []

    @Flag(name: [.customShort("i"), .long], help: "Keep STDIN open even if not attached")
    var interactive = false

    @Flag(name: [.customShort("t"), .long], help: "Allocate a pseudo-TTY")
    var tty = false

    @Option(name: [.customShort("u"), .long], help: "Username or UID (format: \"<name|uid>[:<group|gid>]\")")
    var user: String?

    @Option(name: [.customShort("w"), .long], help: "Working directory inside the container")
    var workdir: String?

    /// The detach keys given, or docker's default.
    func parsedDetachKeys() throws -> DetachKeys {
        try self.detachKeys.map(DetachKeys.init(parsing:)) ?? .default
    }

    /// `-e` values as docker reads them: `NAME=value`, or `NAME` alone for this process's
    /// value (left out when it has none); `nil` when there are none.
    var environment: [String]? {
        guard !self.env.isEmpty else { return nil }
        return self.env.compactMap { entry in
            if entry.contains("=") { return entry }
            return ProcessInfo.processInfo.environment[entry].map { "\(entry)=\($0)" }
        }
    }

    /// The TTY size to create the process with: this terminal's, with `-t`.
    var consoleSize: [Int]? {
        guard self.tty, let size = Terminal.size() else { return nil }
        return [size.height, size.width]
    }
}
