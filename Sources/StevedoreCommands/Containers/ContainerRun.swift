import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Container {
    /// `stevedore run`: creates a container, attaches to it, starts it, and exits with its code.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Create and run a new container from an image")

        @Argument(help: "The image")
        var image: String

        @Argument(parsing: .captureForPassthrough, help: "The command and its arguments")
        var command: [String] = []

        @Flag(name: [.customShort("d"), .long], help: "Run container in background and print container ID")
        var detach = false

        @Option(name: .long, parsing: .unconditional, help: "Override the key sequence for detaching a container")
        var detachKeys: String?

        @Flag(name: .long, inversion: .prefixedNo, help: "Proxy received signals to the process")
        var sigProxy = true

        @OptionGroup var config: ContainerConfigOptions

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let body: ContainerCreateBody
            do {
                try await self.config.requireWindowsDaemonForWindowsFlags(self.global)
                body = try self.createBody()
                if !self.detach { try Terminal.checkInput(attachingStdin: body.attachStdin ?? false, tty: body.tty ?? false) }
            } catch let error as DockerError {
                throw CommandFailure.withHelp("\(error)", command: "run")
            }
            do {
                let idFile = try ContainerIDFile(path: self.config.cidfile)
                defer { idFile?.finish() }
                try ContainerConfigOptions.checkImageReference(self.image)
                try await withClient(self.global) { client in
                    let (options, pullProgress) = try await self.config.createOptions(for: body, global: self.global)
                    if self.detach {
                        try await self.createAndStart(body, options: options, pullProgress: pullProgress, idFile: idFile, client: client)
                    } else {
                        try await self.runAttached(body, options: options, pullProgress: pullProgress, idFile: idFile, client: client)
                    }
                }
            } catch let error as DockerError {
                throw Self.failure(error)
            }
        }

        /// `-d`: creates and starts the container and prints its id; with `--rm` a container
        /// that cannot start is removed (the daemon removes only one that ran).
        private func createAndStart(
            _ body: ContainerCreateBody, options: ContainerCreateOptions, pullProgress: @escaping ImagePullProgressHandler,
            idFile: ContainerIDFile?, client: DockerClient
        ) async throws {
            let created = try await client.containers.create(body, options: options, pullProgress: pullProgress)
            printCreateWarnings(created, body: body)
            try idFile?.record(created.id)
            do {
                try await client.containers.start(created.id)
            } catch {
                if self.config.rm { try? await client.containers.remove(created.id, options: .init(removeVolumes: true, force: true)) }
                throw error
            }
            printOut(created.id + "\n")
        }

        /// The foreground run: this process's stdio connected to the container until it exits
        /// (then exiting with its code) or the user types the detach keys (leaving it running).
        /// With `--rm` the daemon removes the container (`AutoRemove`) and the wait lasts until
        /// it is gone, so that a detached or killed client leaves nothing behind. The signals
        /// this process receives once the container exists go to it (see ``SignalProxy``).
        private func runAttached(
            _ body: ContainerCreateBody, options: ContainerCreateOptions, pullProgress: @escaping ImagePullProgressHandler,
            idFile: ContainerIDFile?, client: DockerClient
        ) async throws {
            let keys = try self.global.detachKeys(self.detachKeys)
            let options = ContainerRunOptions(create: options, detachKeys: keys.description)
            let run: ContainerRunResult
            do {
                run = try await SignalProxy.forwarding(proxying: self.sigProxy, client: client) { signalsGoTo in
                    try await client.containers.withRun(
                        body, options: options, pullProgress: pullProgress,
                        onCreate: { created in
                            // As docker: the daemon's warnings and the id file before the start, which may fail.
                            printCreateWarnings(created, body: body)
                            try idFile?.record(created.id)
                            signalsGoTo(created.id)
                        }
                    ) { _, streams in
                        let session = InteractiveSession(streams: streams, forwardsStdin: body.attachStdin ?? false, detachKeys: keys)
                        if try await session.run() == .detached { throw DetachedFromContainer() }
                    }.run
                }
            } catch is DetachedFromContainer {
                return
            }
            // The daemon's wait error (an `AutoRemove` that failed): docker logs it and exits 125.
            if let error = run.exit.error {
                throw CommandFailure(description: LogrusLine.error("Error waiting for container: \(error.message ?? "")"), exitCode: 125)
            }
            if run.exitCode != 0 { throw CommandFailure(failingStatus: run.exitCode) }
        }

        /// docker's exit code for a run that failed from the `--cidfile` to the start: 127 when
        /// the error says something was not found (the container's command, as meant, but also
        /// a credential helper, the ssh client or the `--cidfile`'s directory), 126 when it says
        /// permission was denied (the command's, or the daemon's socket's) or names a directory,
        /// and 125 otherwise; and its words around the error (`withHelp`). docker reads the code
        /// from the error's text, whatever failed in those steps.
        static func failure(_ error: DockerError) -> CommandFailure {
            let message = "\(error)"
            let code: Int32
            // The last is a Windows daemon's.
            if message.contains("executable file not found") || message.contains("no such file or directory")
                || message.contains("system cannot find the file specified")
            {
                code = 127
            } else if message.contains("permission denied") || message.contains("is a directory") {
                code = 126
            } else {
                code = 125
            }
            return .withHelp("\(error)", command: "run", exitCode: code)
        }

        /// The create request of `create`'s flags, attaching what a foreground run needs: the
        /// streams `-a` names (stdout and stderr without it; stdin with `-i`), none when
        /// detached (`-a` and `-d` conflict). With `--rm` the daemon removes the container when
        /// it exits (`AutoRemove`); a foreground run learns the exit code from a wait for its
        /// removal.
        func createBody() throws -> ContainerCreateBody {
            var body = try self.config.body(
                image: self.image, command: self.command, proxyVariables: self.global.proxyVariables(), of: "run")
            if self.detach {
                guard self.config.attach.isEmpty else {
                    throw CommandFailure(description: "conflicting options: cannot specify both --attach and --detach")
                }
                body.attachStdin = false
                body.attachStdout = false
                body.attachStderr = false
                body.stdinOnce = false
            }
            body.hostConfig?.consoleSize = Terminal.consoleSize(tty: self.config.tty)
            return body
        }
    }
}

/// Thrown out of a foreground run when the user typed the detach keys: the container keeps
/// running and nothing waits for it.
private struct DetachedFromContainer: Error {}
