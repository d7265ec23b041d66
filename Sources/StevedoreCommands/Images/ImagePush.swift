import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Image {
    /// `stevedore image push`: upload an image to a registry.
    struct Push: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "push", abstract: "Upload an image to a registry")

        @Flag(name: [.customShort("a"), .long], help: "Push all tags of an image to the repository")
        var allTags = false

        @Flag(name: [.customShort("q"), .long], help: "Suppress verbose output")
        var quiet = false

        @Flag(name: .long, inversion: .prefixedNo, help: "Skip image signing (default true)")
        var disableContentTrust: Bool?

        @Argument(help: "NAME[:TAG]") var name: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try ContentTrust.refuseIfRequested(disabled: self.disableContentTrust)
            let reference = try resolveTag(of: self.name, allTags: self.allTags, quiet: self.quiet)
            let credentials = try await self.global.credentials(forImage: self.name)
            try await withClient(self.global) { client in
                let options = ImagePushOptions(allTags: self.allTags, credentials: credentials)
                try await client.images.push(reference.familiarString, options: options).show(quiet: self.quiet)
            }
            if self.quiet { printOut(reference.description + "\n") }
        }
    }
}
