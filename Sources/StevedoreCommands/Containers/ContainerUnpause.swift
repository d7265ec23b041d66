import ArgumentParser
import Stevedore

extension StevedoreCommand.Container {
    /// `stevedore container unpause`: unpause all processes within one or more containers.
    struct Unpause: EachContainerCommand {
        static let configuration = CommandConfiguration(
            commandName: "unpause", abstract: "Unpause all processes within one or more containers")
        @Argument(help: "Containers") var containers: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func act(on container: String, options: Void, client: DockerClient) async throws {
            try await client.containers.unpause(container)
        }
    }
}
