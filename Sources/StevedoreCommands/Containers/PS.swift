import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand {
    /// `stevedore ps`.
    struct PS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ps", abstract: "List containers")
        @OptionGroup var arguments: ContainerListArguments
        func run() async throws { try await self.arguments.run() }
    }
}
