import ArgumentParser
import Foundation
import Stevedore

extension StevedoreCommand {
    /// `stevedore run`: creates a container, attaches to it, starts it, and exits with its code.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create and run a new container from an image")

        @Option(name: .long, help: "Overwrite the default ENTRYPOINT of the image")
        var entrypoint: String?

        @Option(name: [.customShort("l"), .long], help: "Set meta data on a container")
        var label: [String] = []

        @Option(name: .long, help: "Assign a name to the container")
        var name: String?

        @Option(name: .long, help: "Connect a container to a network")
        var network: String?

        @Flag(name: .long, help: "Automatically remove the container and its associated anonymous volumes when it exits")
        var rm = false

        @Option(name: [.customShort("v"), .long], help: "Bind mount a volume")
        var volume: [String] = []

        @Argument(help: "The image")
        var image: String

        @Argument(parsing: .captureForPassthrough, help: "The command and its arguments")
        var command: [String] = []

        @OptionGroup var process: ProcessOptions

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
            let keys = try self.process.parsedDetachKeys()
            let body = try self.createBody()
            try await withClient(self.global) { client in
                guard let id = try await client.createContainer(body, options: .init(name: self.name)).id else {
                    throw DockerError(category: .malformedResponse, message: "the daemon created a container without telling its id")
                }
                if self.process.detach {
                    try await self.start(id, client: client)
                    printOut(id + "\n")
                    return
                }
                let options = ContainerAttachOptions(stdin: self.process.interactive, detachKeys: keys.description)
                let outcome = try await client.withAttachedContainer(id, options: options) { streams in
                    try await self.start(id, client: client)
                    return try await InteractiveSession(streams: streams, forwardsStdin: self.process.interactive, detachKeys: keys).run()
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
            let hostConfig = HostConfig(
                binds: self.volume.isEmpty ? nil : self.volume,
                networkMode: self.network,
                autoRemove: self.rm && self.process.detach ? true : nil,
                consoleSize: self.process.consoleSize)
            return ContainerCreateBody(
                user: self.process.user,
                attachStdin: self.process.interactive && !self.process.detach,
                attachStdout: !self.process.detach,
                attachStderr: !self.process.detach,
                tty: self.process.tty,
                openStdin: self.process.interactive,
                stdinOnce: self.process.interactive && !self.process.detach,
                env: self.process.environment,
                cmd: self.command.isEmpty ? nil : self.command,
                image: self.image,
                workingDir: self.process.workdir,
                entrypoint: self.entrypoint.map { [$0] },
                labels: labels.isEmpty ? nil : labels,
                hostConfig: hostConfig)
        }
    }
}
