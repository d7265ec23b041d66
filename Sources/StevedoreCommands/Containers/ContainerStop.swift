import ArgumentParser
import Stevedore

extension StevedoreCommand.Container {
    /// `stevedore container stop`: stop one or more running containers.
    struct Stop: EachContainerCommand {
        static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop one or more running containers")
        @OptionGroup var stop: StopOptions
        @Argument(help: "Containers") var containers: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func options() throws -> ContainerStopOptions { try self.stop.options() }

        func act(on container: String, options: ContainerStopOptions, client: DockerClient) async throws {
            try await client.containers.stop(container, options: options)
        }
    }
}
