import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand {
    /// `stevedore rmi`.
    struct Rmi: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rmi", abstract: "Remove one or more images")
        @OptionGroup var arguments: ImageRemoveArguments
        func run() async throws { try await self.arguments.run() }
    }
}
