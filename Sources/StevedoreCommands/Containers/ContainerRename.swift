import ArgumentParser
import Stevedore
import StevedoreText

extension StevedoreCommand.Container {
    /// `stevedore container rename`: rename a container.
    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a container")
        @Argument(help: "Container") var container: String
        @Argument(help: "New name") var newName: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            // docker trims both names, and reports a failed rename twice: the reason, then which.
            let oldName = self.container.trimmingWhitespace()
            let newName = self.newName.trimmingWhitespace()
            guard !oldName.isEmpty, !newName.isEmpty else {
                throw CommandFailure(description: "Error: Neither old nor new names may be empty")
            }
            try await withClient(self.global) { client in
                do {
                    try await client.containers.rename(oldName, to: newName)
                } catch let error as DockerError {
                    printError("\(error)")
                    throw CommandFailure(description: "Error: failed to rename container named \(oldName)")
                }
            }
        }
    }
}
