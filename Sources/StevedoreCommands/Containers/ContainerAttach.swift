import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Container {
    /// `stevedore attach`: this terminal's stdio connected to a running container.
    struct Attach: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attach",
            abstract: "Attach local standard input, output, and error streams to a running container")

        @Option(name: .long, parsing: .unconditional, help: "Override the key sequence for detaching a container")
        var detachKeys: String?

        @Flag(name: .long, help: "Do not attach STDIN")
        var noStdin = false

        @Flag(name: .long, inversion: .prefixedNo, help: "Proxy all received signals to the process")
        var sigProxy = true

        @Argument(help: "The container")
        var container: String

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let keys = try self.global.detachKeys(self.detachKeys)
            try await withClient(self.global) { client in
                // As docker: the wait is registered first, and the command ends when the
                // container has stopped, with its code, however the stream ended (a stdin at
                // its end may end it early).
                let exit = try await client.containers.registerWait(self.container)
                let inspected = try await client.containers.inspect(self.container)
                guard inspected.state?.running == true else {
                    throw CommandFailure(description: "You cannot attach to a stopped container, start it first")
                }
                try Terminal.checkInput(attachingStdin: !self.noStdin, tty: inspected.config?.tty ?? false)
                let stdin = !self.noStdin && inspected.config?.openStdin == true
                let options = ContainerAttachOptions(stdin: stdin, detachKeys: keys.description)
                let outcome = try await client.containers.withAttach(self.container, options: options) { streams in
                    try await InteractiveSession(streams: streams, forwardsStdin: stdin, detachKeys: keys)
                        .run(forwardingSignalsTo: self.sigProxy ? self.container : nil, client: client)
                }
                // docker's detach is its streamer's error: exit code 1.
                if case .detached = outcome { throw CommandFailure(description: "read escape sequence") }
                let result = try await exit.result()
                if let message = result.error?.message, !message.isEmpty { throw CommandFailure(description: message) }
                if result.statusCode != 0 { throw CommandFailure(failingStatus: result.statusCode) }
            }
        }
    }
}
