import ArgumentParser
import Stevedore
import StevedoreText

extension StevedoreCommand.Container {
    /// `stevedore container rm`: remove one or more containers.
    struct Remove: EachContainerCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove one or more containers", aliases: ["remove"])

        @Flag(name: [.customShort("f"), .long], help: "Force the removal of a running container (uses SIGKILL)")
        var force = false

        @Flag(name: [.customShort("v"), .long], help: "Remove anonymous volumes associated with the container")
        var volumes = false

        @Flag(name: [.customShort("l"), .long], help: "Remove the specified link")
        var link = false

        @Argument(help: "Containers") var containers: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func options() -> ContainerRemoveOptions {
            ContainerRemoveOptions(removeVolumes: self.volumes, force: self.force, removeLink: self.link)
        }

        /// As docker's: `-f` reports a missing container at once, without failing.
        var missing: MissingObject { self.force ? .reportedAtOnce : .failure }

        /// As docker's: the name's leading and trailing `/` trimmed, and nothing left refused in
        /// docker's words.
        func act(on container: String, options: ContainerRemoveOptions, client: DockerClient) async throws {
            let name = container.trimming { $0 == "/" }
            guard !name.isEmpty else { throw DockerError(category: .invalidInput, message: "container name cannot be empty") }
            try await client.containers.remove(name, options: options)
        }
    }
}
