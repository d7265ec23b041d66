import ArgumentParser
import Foundation
import Stevedore

extension StevedoreCommand {
    /// `stevedore run`: creates a container, attaches to it, starts it, and exits with its code.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create and run a new container from an image")

        @Flag(name: [.customShort("d"), .long], help: "Run container in background and print container ID")
        var detach = false

        @Option(name: .long, help: "Override the key sequence for detaching a container")
        var detachKeys: String?

        @Option(name: .long, help: "Overwrite the default ENTRYPOINT of the image")
        var entrypoint: String?

        @Option(name: [.customShort("e"), .long], help: "Set environment variables")
        var env: [String] = []

        @Flag(name: [.customShort("i"), .long], help: "Keep STDIN open even if not attached")
        var interactive = false

        @Option(name: [.customShort("l"), .long], help: "Set meta data on a container")
        var label: [String] = []

        @Option(name: .long, help: "Assign a name to the container")
        var name: String?

        @Option(name: .long, help: "Connect a container to a network")
        var network: String?

        @Flag(name: .long, help: "Automatically remove the container and its associated anonymous volumes when it exits")
        var rm = false

        @Flag(name: [.customShort("t"), .long], help: "Allocate a pseudo-TTY")
        var tty = false

        @Option(name: [.customShort("u"), .long], help: "Username or UID (format: <name|uid>[:<group|gid>])")
        var user: String?

        @Option(name: [.customShort("v"), .long], help: "Bind mount a volume")
        var volume: [String] = []

        @Option(name: [.customShort("w"), .long], help: "Working directory inside the container")
        var workdir: String?

        @Argument(help: "The image")
        var image: String

        @Argument(parsing: .captureForPassthrough, help: "The command and its arguments")
        var command: [String] = []

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
                guard let id = try await client.createContainer(body, options: .init(name: self.name)).id else {
                    throw DockerError(category: .malformedResponse, message: "the daemon created a container without telling its id")
                }
                if self.detach {
                    try await self.start(id, client: client)
                    printOut(id + "\n")
                    return
                }
                let options = ContainerAttachOptions(stdin: self.interactive, detachKeys: keys.description)
                let outcome = try await client.withAttachedContainer(id, options: options) { streams in
                    try await self.start(id, client: client)
                    return try await InteractiveSession(streams: streams, forwardsStdin: self.interactive, detachKeys: keys).run()
                }
                if case .detached = outcome { return }
                let exit = try await client.waitContainer(id)
                if self.rm { try await client.removeContainer(id, options: .init(removeVolumes: true, force: true)) }
                let code = exit.statusCode
                if code != 0 { throw CommandFailure(description: "", exitCode: Int32(truncatingIfNeeded: code)) }
            }
        }

        /// Starts the container; a failure is docker's 126 (not executable), 127 (not found)
        /// or 125, and removes a `--rm` container.
        private func start(_ id: String, client: DockerClient) async throws {
            do {
                try await client.startContainer(id)
            } catch let error as DockerError {
                if self.rm { try? await client.removeContainer(id, options: .init(removeVolumes: true, force: true)) }
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

        /// The create request: attach what a foreground run needs; with `--rm`, a detached
        /// container is removed by the daemon (`AutoRemove`), a foreground one by us once its
        /// exit code is read (the daemon could remove it before we asked).
        func createBody() throws -> ContainerCreateBody {
            var labels: [String: String] = [:]
            for label in self.label {
                let parts = label.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                labels[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
            }
            let size = self.tty ? Terminal.size() : nil
            let hostConfig = HostConfig(
                binds: self.volume.isEmpty ? nil : self.volume,
                networkMode: self.network,
                autoRemove: self.rm && self.detach ? true : nil,
                consoleSize: size.map { [$0.height, $0.width] })
            return ContainerCreateBody(
                user: self.user,
                attachStdin: self.interactive && !self.detach,
                attachStdout: !self.detach,
                attachStderr: !self.detach,
                tty: self.tty,
                openStdin: self.interactive,
                stdinOnce: self.interactive && !self.detach,
                env: self.env.isEmpty ? nil : environment(self.env),
                cmd: self.command.isEmpty ? nil : self.command,
                image: self.image,
                workingDir: self.workdir,
                entrypoint: self.entrypoint.map { [$0] },
                labels: labels.isEmpty ? nil : labels,
                hostConfig: hostConfig)
        }
    }
}
