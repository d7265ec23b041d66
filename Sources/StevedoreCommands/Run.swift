import ArgumentParser
import Foundation
import Stevedore

extension StevedoreCommand {
    /// `stevedore run`: creates a container, attaches to it, starts it, and exits with its code.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create and run a new container from an image")

        @Argument(help: "The image")
        var image: String

        @Argument(parsing: .captureForPassthrough, help: "The command and its arguments")
        var command: [String] = []

        @Flag(name: [.customShort("d"), .long], help: "Run container in background and print container ID")
        var detach = false

        @Option(name: .long, help: "Override the key sequence for detaching a container")
        var detachKeys: String?

        @Option(name: .long, help: "Proxy received signals to the process (default true)")
        var sigProxy = true

        @OptionGroup var config: ContainerConfigOptions

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            do {
                try await self.runContainer()
            } catch let error as DockerError {
                // docker's exit code for a failure of the daemon or of the command line: 125.
                throw CommandFailure(description: "stevedore: \(error)", exitCode: 125)
            }
        }

        private func runContainer() async throws {
            let keys = try self.detachKeys.map(DetachKeys.init(parsing:)) ?? .default
            let body = try self.createBody()
            try await withClient(self.global) { client in
                let created = try await self.config.createContainer(body, client: client, global: self.global)
                printWarnings(created.warnings ?? [])
                let id = created.id
                if self.detach {
                    try await self.start(id, client: client)
                    printOut(id + "\n")
                    return
                }
                // Registered before the start, so that the exit cannot be missed; with --rm the
                // daemon removes the container (AutoRemove) and answers once it is gone, as
                // docker does, so that a detached or killed client leaves nothing behind.
                let exit = try await client.containers.registerWait(id, options: .init(condition: self.config.rm ? .removed : .nextExit))
                let options = ContainerAttachOptions(
                    stdin: body.attachStdin ?? false, stdout: body.attachStdout ?? false, stderr: body.attachStderr ?? false,
                    detachKeys: keys.description)
                let outcome = try await client.containers.withAttach(id, options: options) { streams in
                    try await self.start(id, client: client)
                    return try await InteractiveSession(streams: streams, forwardsStdin: options.stdin, detachKeys: keys)
                        .run(forwardingSignalsTo: self.sigProxy ? id : nil, client: client)
                }
                if case .detached = outcome { return }
                let code = try await exit.result().statusCode
                if code != 0 { throw CommandFailure(description: "", exitCode: Int32(truncatingIfNeeded: code)) }
            }
        }

        /// Starts the container; a failure is docker's 126 (not executable), 127 (not found)
        /// or 125, and removes a `--rm` container (the daemon removes only one that ran).
        private func start(_ id: String, client: DockerClient) async throws {
            do {
                try await client.containers.start(id)
            } catch let error as DockerError {
                if self.config.rm { try? await client.containers.remove(id, options: .init(removeVolumes: true, force: true)) }
                let message = error.message
                let code: Int32
                if message.contains("executable file not found") || message.contains("no such file or directory") {
                    code = 127
                } else if message.contains("permission denied") {
                    code = 126
                } else {
                    code = 125
                }
                throw CommandFailure(description: "stevedore: \(error)", exitCode: code)
            }
        }

        /// The create request of `create`'s flags, attaching what a foreground run needs: the
        /// streams `-a` names (stdout and stderr without it; stdin with `-i`), none when
        /// detached (`-a` and `-d` conflict). With `--rm` the daemon removes the container when
        /// it exits (`AutoRemove`); a foreground run learns the exit code from a wait for its
        /// removal.
        func createBody() throws -> ContainerCreateBody {
            var body = try self.config.body(image: self.image, command: self.command)
            if self.detach {
                guard self.config.attach.isEmpty else { throw CommandFailure(description: "conflicting options: cannot specify both --attach and --detach") }
                body.attachStdin = false
                body.attachStdout = false
                body.attachStderr = false
            }
            // stdin is forwarded only when it is kept open (`-i`), as docker does.
            body.attachStdin = body.attachStdin == true && self.config.interactive
            body.stdinOnce = body.attachStdin
            body.hostConfig?.consoleSize = Terminal.consoleSize(tty: self.config.tty)
            return body
        }
    }
}
