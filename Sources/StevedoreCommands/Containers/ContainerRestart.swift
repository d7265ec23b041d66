import ArgumentParser
import Stevedore

extension StevedoreCommand.Container {
    /// `stevedore container restart`: restart one or more containers.
    struct Restart: EachContainerCommand {
        static let configuration = CommandConfiguration(commandName: "restart", abstract: "Restart one or more containers")
        @OptionGroup var stop: StopOptions
        @Argument(help: "Containers") var containers: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func options() throws -> ContainerStopOptions { try self.stop.options() }

        func act(on container: String, options: ContainerStopOptions, client: DockerClient) async throws {
            try await client.containers.restart(container, options: options)
        }
    }
}
