import ArgumentParser
import Stevedore

extension StevedoreCommand.Container {
    /// `stevedore container start`: start one or more stopped containers; with `-a` or `-i`,
    /// one, attached as `run` attaches, exiting with its code.
    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Start one or more stopped containers")

        @Flag(name: [.customShort("a"), .long], help: "Attach STDOUT/STDERR and forward signals")
        var attach = false

        @Flag(name: [.customShort("i"), .long], help: "Attach container's STDIN")
        var interactive = false

        @Option(name: .long, parsing: .unconditional, help: "Override the key sequence for detaching a container")
        var detachKeys: String?

        @Argument(help: "Containers") var containers: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            if self.attach || self.interactive {
                try await self.startAttached()
            } else {
                try await self.startEach()
            }
        }

        /// docker's `startContainersWithoutAttachments`: each started in turn, its name printed
        /// or its error reported, then the names that failed in one last line (exit code 1).
        private func startEach() async throws {
            try await withClient(self.global) { client in
                try await forEachName(
                    self.containers, failuresAsTheyHappen: true,
                    summary: { "Error: failed to start containers: " + $0.joined(separator: ", ") }
                ) {
                    try await client.containers.start($0, detachKeys: self.detachKeys)
                }
            }
        }

        /// One container, attached before it starts (its stdin too with `-i`, when it was created
        /// with `OpenStdin`), with the wait registered before the start so that its exit code
        /// (or its removal, with `AutoRemove`) cannot be missed; signals go to it when it has no
        /// TTY. Detaching, or a SIGINT or SIGTERM, leaves it running and exits 0 (docker's first
        /// termination signal cancels the command).
        private func startAttached() async throws {
            guard self.containers.count == 1, let name = self.containers.first else {
                throw CommandFailure(description: "you cannot start and attach multiple containers at once")
            }
            let keys = try self.global.detachKeys(self.detachKeys)
            try await withClient(self.global) { client in
                let inspected = try await client.containers.inspect(name)
                let id = inspected.id ?? name
                let stdin = self.interactive && inspected.config?.openStdin == true
                let pending = try await client.containers.registerWait(
                    id, condition: inspected.hostConfig?.autoRemove == true ? .removed : .nextExit)
                let options = ContainerAttachOptions(stdin: stdin, detachKeys: keys.description)
                let outcome = try await client.containers.withAttach(id, options: options, startingContainer: true) { streams in
                    try await InteractiveSession(streams: streams, forwardsStdin: stdin, detachKeys: keys)
                        .run(forwardingSignalsTo: id, endingOnTermination: true, client: client)
                }
                // docker's detach, and its first SIGINT/SIGTERM (which cancels the command): exit 0.
                guard outcome == .ended else { return }
                let code = try await pending.result().statusCode
                if code != 0 { throw CommandFailure(failingStatus: code) }
            }
        }
    }
}
