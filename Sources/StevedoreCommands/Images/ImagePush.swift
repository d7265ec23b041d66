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

        @Option(
            name: .long, parsing: .unconditional,
            help: """
                Push a platform-specific manifest as a single-platform image to the registry. Image index won't be pushed, \
                meaning that other manifests, including attestations won't be preserved. \
                'os[/arch[/variant]]': Explicit platform (eg. linux/amd64) (API ≥ 1.46)
                """)
        var platform: String?

        @Argument(help: "NAME[:TAG]") var name: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try ContentTrust.refuseIfRequested(disabled: self.disableContentTrust)
            try await withClient(self.global) { client in
                // docker reads the platform first, and prints its own words before the parser's.
                let platformFlag = ImagePlatformFlag(single: self.platform)
                let platform = try await platformFlag.platforms(minimumAPI: APIVersion(1, 46), client: client) {
                    "Invalid platform \($0)\($1)"
                }
                if !platform.isEmpty { printNote(Self.platformNote) }
                let reference = try resolveTag(of: self.name, allTags: self.allTags, quiet: self.quiet)
                let credentials = try await self.global.credentials(forImage: self.name)
                let options = ImagePushOptions(allTags: self.allTags, platform: platform.first, credentials: credentials)
                try await client.images.push(reference.familiarString, options: options).show(quiet: self.quiet)
                if self.quiet { printOut(reference.description + "\n") }
            }
        }

        static let platformNote = """
            Using --platform pushes only the specified platform manifest of a multi-platform image index.
            Other components, like attestations, will not be included.
            To push the complete multi-platform image, remove the --platform flag.

            """
    }
}
