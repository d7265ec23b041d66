import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Image {
    /// `stevedore image tag`: create a tag TARGET_IMAGE that refers to SOURCE_IMAGE.
    struct Tag: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tag", abstract: "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE")
        @Argument(help: "SOURCE_IMAGE[:TAG]") var source: String
        @Argument(help: "TARGET_IMAGE[:TAG]") var target: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let target: ImageName
            do {
                target = try ImageName(parsing: self.target)
            } catch let error as DockerError {
                throw CommandFailure(
                    description: "Error parsing reference: \"\(self.target)\" is not a valid repository/tag: \(error.message)")
            }
            try checkTaggable(target)
            try await withClient(self.global) { client in
                try await client.images.tag(self.source, repository: target.familiarName, tag: target.tag ?? "latest")
            }
        }
    }
}
