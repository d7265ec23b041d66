import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Image {
    /// `stevedore image rm` (also `remove`, `rmi`).
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "Remove one or more images", aliases: ["remove", "rmi"])
        @OptionGroup var arguments: ImageRemoveArguments
        func run() async throws { try await self.arguments.run() }
    }
}
