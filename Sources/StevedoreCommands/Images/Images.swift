import ArgumentParser
import Foundation
import Stevedore

extension StevedoreCommand {
    /// `stevedore images`.
    struct Images: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "images", abstract: "List images")
        @OptionGroup var arguments: ImageListArguments
        func run() async throws { try await self.arguments.run() }
    }
}
