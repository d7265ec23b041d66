import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Container {
    /// `stevedore container update`: update configuration of one or more containers.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Update configuration of one or more containers")

        @OptionGroup var resources: ContainerResourceOptions
        // Deprecated; docker takes it here without showing it.
        @Option(name: .long, parsing: .unconditional, help: .hidden) var kernelMemory: String?

        @Argument(help: "Containers") var containers: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            var body = ContainerUpdateBody()
            // A flag's value first: docker's flag parser refuses it before the command runs.
            body.kernelMemory = try MemorySize.kernelMemory(self.kernelMemory)
            do {
                try self.resources.apply(to: &body)
            } catch var failure as CommandFailure where !failure.isFlagValue {
                // What `run` refuses before it runs (125), docker's update refuses as it runs:
                // an ordinary failure, exit code 1 (`--restart :3`).
                failure.exitCode = 1
                throw failure
            }
            // docker counts the flags given, not what they set.
            guard body != ContainerUpdateBody() || self.resources.givesAFlagThatMaySetNothing else {
                throw CommandFailure(description: "you must provide one or more flags when using this command")
            }
            try await withClient(self.global) { client in
                // docker prints the daemon's warnings on stdout after the names, failures or not.
                var warnings: [String] = []
                defer { if !warnings.isEmpty { printOut(warnings.joined(separator: "\n") + "\n") } }
                try await forEachName(self.containers) { name in
                    warnings += try await client.containers.update(name, body).warnings ?? []
                }
            }
        }
    }
}
