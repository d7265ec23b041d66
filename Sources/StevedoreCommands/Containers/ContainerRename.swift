import ArgumentParser
import Stevedore

extension StevedoreCommand.Container {
    /// `stevedore container rename`: rename a container.
    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a container")
        @Argument(help: "Container") var container: String
        @Argument(help: "New name") var newName: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await client.containers.rename(self.container, to: self.newName)
            }
        }
    }
}
