import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Container {
    /// `stevedore exec`: runs a command in a running container.
    struct Exec: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "exec", abstract: "Execute a command in a running container")

        @Flag(name: [.customShort("d"), .long], help: "Detached mode: run command in the background")
        var detach = false

        @Option(name: .long, parsing: .unconditional, help: "Override the key sequence for detaching a container")
        var detachKeys: String?

        @Option(name: [.customShort("e"), .long], parsing: .unconditionalSingleValue, help: "Set environment variables")
        var env: [String] = []

        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Read in a file of environment variables")
        var envFile: [String] = []

        @Flag(name: [.customShort("i"), .long], help: "Keep STDIN open even if not attached")
        var interactive = false

        @Flag(name: .long, help: "Give extended privileges to the command")
        var privileged = false

        @Flag(name: [.customShort("t"), .long], help: "Allocate a pseudo-TTY")
        var tty = false

        @Option(name: [.customShort("u"), .long], parsing: .unconditional, help: "Username or UID (format: \"<name|uid>[:<group|gid>]\")")
        var user: String?

        @Option(name: [.customShort("w"), .long], parsing: .unconditional, help: "Working directory inside the container")
        var workdir: String?

        @Argument(help: "The container")
        var container: String

        @Argument(parsing: .captureForPassthrough, help: "The command and its arguments")
        var command: [String] = []

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let environmentFlags = try FlagValue.parseAll(self.env, for: "-e, --env", OptsFlagParsers.environment)
            guard !self.command.isEmpty else { throw CommandFailure.argumentCount }
            let keySequence = self.global.detachKeySequence(self.detachKeys)
            let keys = try keySequence.map(DetachKeys.init(parsing:)) ?? .default
            // The files' variables, then `-e`'s, as run reads them; a file that cannot be read
            // fails as docker's exec fails, with exit code 1.
            let variables: [String]
            do {
                variables = try KeyValueFile.entries(self.envFile, .environment, overrides: environmentFlags)
            } catch var failure as CommandFailure {
                failure.exitCode = 1
                throw failure
            }
            let config = ExecConfig(
                attachStdin: self.interactive && !self.detach, attachStdout: !self.detach, attachStderr: !self.detach,
                consoleSize: Terminal.consoleSize(tty: self.tty), detachKeys: keySequence, tty: self.tty,
                env: variables.isEmpty ? nil : variables, cmd: self.command, privileged: self.privileged,
                user: self.user, workingDir: self.workdir)
            do {
                try await self.run(config, detachKeys: keys)
            } catch  where Task.isCancelled && !(error is CommandFailure) {
                // As docker's exec: a SIGINT or SIGTERM (see TerminationSignals) ends it with 0.
                throw CommandFailure(description: "", exitCode: 0)
            }
        }

        private func run(_ config: ExecConfig, detachKeys keys: DetachKeys) async throws {
            try await withClient(self.global) { client in
                if !self.detach {
                    do {
                        try Terminal.checkInput(attachingStdin: self.interactive, tty: self.tty)
                    } catch {
                        // docker's "No such container" comes first (its exec inspects first).
                        _ = try await client.containers.inspect(self.container)
                        throw error
                    }
                }
                let id = try await client.exec.create(config, in: self.container)
                if self.detach {
                    try await client.exec.start(id, options: .init(tty: self.tty))
                    return
                }
                let outcome = try await client.exec.withAttach(id, options: .init(tty: self.tty, consoleSize: config.consoleSize)) {
                    streams in
                    try await InteractiveSession(streams: streams, forwardsStdin: self.interactive, detachKeys: keys).run()
                }
                // docker's detach is its streamer's error, as `attach`'s (`start -a` and `run` exit 0).
                if case .detached = outcome { throw CommandFailure(description: "read escape sequence") }
                let code = try await client.exec.waitForExit(id)
                if code != 0 { throw CommandFailure(failingStatus: code) }
            }
        }
    }
}
