import ArgumentParser
import Stevedore

extension StevedoreCommand.Container {
    /// `stevedore container pause`: pause all processes within one or more containers.
    struct Pause: EachContainerCommand {
        static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause all processes within one or more containers")
        @Argument(help: "Containers") var containers: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func act(on container: String, options: Void, client: DockerClient) async throws {
            try await client.containers.pause(container)
        }
    }
}
