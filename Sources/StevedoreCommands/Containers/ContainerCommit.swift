import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Container {
    /// `stevedore container commit`: create a new image from a container's changes.
    struct Commit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "commit", abstract: "Create a new image from a container's changes")

        @Option(
            name: [.customShort("a"), .long], parsing: .unconditional, help: "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")")
        var author: String?

        @Option(
            name: [.customShort("c"), .long], parsing: .unconditionalSingleValue, help: "Apply Dockerfile instruction to the created image")
        var change: [String] = []

        @Option(name: [.customShort("m"), .long], parsing: .unconditional, help: "Commit message")
        var message: String?

        @Flag(name: [.customShort("p"), .long], inversion: .prefixedNo, help: "Pause container during commit")
        var pause = true

        @Argument(help: "Container") var container: String
        @Argument(help: "REPOSITORY[:TAG]") var repository: String?
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let reference = try self.repository.map(parseImageName)
            try reference.map(checkTaggable)
            let options = ImageCommitOptions(
                repository: reference?.familiarName, tag: reference?.tag, comment: self.message, author: self.author, pause: self.pause,
                changes: self.change)
            try await withClient(self.global) { client in
                printOut((try await client.images.commit(self.container, options: options).id) + "\n")
            }
        }
    }
}
