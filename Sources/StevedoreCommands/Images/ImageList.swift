import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Image {
    /// `stevedore image ls` (also `list`).
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List images", aliases: ["list"])
        @OptionGroup var arguments: ImageListArguments
        func run() async throws { try await self.arguments.run() }
    }
}
