import ArgumentParser
import Stevedore

extension StevedoreCommand.Container {
    /// `stevedore container kill`: kill one or more running containers.
    struct Kill: EachContainerCommand {
        static let configuration = CommandConfiguration(commandName: "kill", abstract: "Kill one or more running containers")

        @Option(name: [.customShort("s"), .long], parsing: .unconditional, help: "Signal to send to the container")
        var signal: String?

        @Argument(help: "Containers") var containers: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func options() throws -> ContainerSignal? { try parseSignalFlag(self.signal) }

        func act(on container: String, options signal: ContainerSignal?, client: DockerClient) async throws {
            try await client.containers.kill(container, signal: signal)
        }
    }
}
