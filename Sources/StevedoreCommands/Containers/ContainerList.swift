import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Container {
    /// `stevedore container ls` (also `ps`, `list`).
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List containers", aliases: ["ps", "list"])
        @OptionGroup var arguments: ContainerListArguments
        func run() async throws { try await self.arguments.run() }
    }
}
