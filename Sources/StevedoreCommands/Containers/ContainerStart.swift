import ArgumentParser
import Stevedore

extension StevedoreCommand.Container {
    /// `stevedore container start`: start one or more stopped containers.
    struct Start: EachContainerCommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Start one or more stopped containers")

        @Option(name: .long, help: "Override the key sequence for detaching a container")
        var detachKeys: String?

        @Argument(help: "Containers") var containers: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func act(on container: String, options: Void, client: DockerClient) async throws {
            try await client.containers.start(container, detachKeys: self.detachKeys)
        }
    }
}
