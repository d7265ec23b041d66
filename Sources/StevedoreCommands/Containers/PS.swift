import ArgumentParser
import Foundation
import Stevedore

extension StevedoreCommand {
    /// `stevedore ps`.
    struct PS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ps", abstract: "List containers")
        @OptionGroup var arguments: ContainerListArguments
        func run() async throws { try await self.arguments.run() }
    }
}
