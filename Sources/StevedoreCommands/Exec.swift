import ArgumentParser
import Foundation
import Stevedore

extension StevedoreCommand {
    /// `stevedore exec`: runs a command in a running container.
    struct Exec: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Execute a command in a running container")

        @Flag(name: .long, help: "Give extended privileges to the command")
        var privileged = false

        @Argument(help: "The container")
        var container: String

        @Argument(parsing: .captureForPassthrough, help: "The command and its arguments")
        var command: [String] = []

        @OptionGroup var process: ProcessOptions

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            guard !self.command.isEmpty else {
                throw CommandFailure(description: "\"stevedore exec\" requires at least 2 arguments: a container and a command", exitCode: 1)
            }
            let keys = try self.process.parsedDetachKeys()
            let config = ExecConfig(
                attachStdin: self.process.interactive && !self.process.detach, attachStdout: !self.process.detach, attachStderr: !self.process.detach,
                consoleSize: self.process.consoleSize, detachKeys: self.process.detachKeys, tty: self.process.tty,
                env: self.process.environment, cmd: self.command, privileged: self.privileged,
                user: self.process.user, workingDir: self.process.workdir)
            try await withClient(self.global) { client in
                let id = try await client.createExec(in: self.container, config)
                if self.process.detach {
                    try await client.startExec(id, options: .init(tty: self.process.tty))
                    return
                }
                let outcome = try await client.withAttachedExec(id, options: .init(tty: self.process.tty, consoleSize: config.consoleSize)) { streams in
                    try await InteractiveSession(streams: streams, forwardsStdin: self.process.interactive, detachKeys: keys).run()
                }
                if case .detached = outcome { return }
                let code = try await client.execExitCode(id)
                if code != 0 { throw CommandFailure(description: "", exitCode: Int32(truncatingIfNeeded: code)) }
            }
        }
    }
}
