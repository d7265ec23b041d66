import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand {
    /// `stevedore images`.
    struct Images: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "images", abstract: "List images")
        @OptionGroup var arguments: ImageListArguments
        func run() async throws { try await self.arguments.run() }
    }
}
