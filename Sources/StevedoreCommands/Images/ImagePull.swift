import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Image {
    /// `stevedore image pull`: download an image from a registry.
    struct Pull: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pull", abstract: "Download an image from a registry")

        @Flag(name: [.customShort("a"), .long], help: "Download all tagged images in the repository")
        var allTags = false

        @Option(name: .long, parsing: .unconditional, help: "Set platform if server is multi-platform capable")
        var platform: String?

        @Flag(name: [.customShort("q"), .long], help: "Suppress verbose output")
        var quiet = false

        @Argument(help: "NAME[:TAG|@DIGEST]") var name: String
        @OptionGroup var contentTrust: ContentTrustOptions
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try self.contentTrust.refuseIfRequested(image: self.name)
            let reference = try resolveTag(of: self.name, allTags: self.allTags, quiet: self.quiet)
            let credentials = try await self.global.credentialsIgnoringHelperFailure(forImage: self.name)
            try await withClient(self.global) { client in
                let options = ImagePullOptions(allTags: self.allTags, platform: platformFlag(self.platform), credentials: credentials)
                try await client.images.pull(reference.familiarString, options: options).show(quiet: self.quiet)
            }
            printOut(reference.description + "\n")
        }
    }
}
