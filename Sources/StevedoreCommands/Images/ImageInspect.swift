import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Image {
    /// `stevedore image inspect`: display detailed information on one or more images.
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect", abstract: "Display detailed information on one or more images")

        @Option(
            name: [.customShort("f"), .long], parsing: .unconditional,
            help: "Format output using a custom template: 'json' or a Go template")
        var format: String?

        @Option(
            name: .long, parsing: .unconditional,
            help: """
                Inspect a specific platform of the multi-platform image. If the image or the server is not multi-platform \
                capable, the command will error out if the platform does not match. \
                'os[/arch[/variant]]': Explicit platform (eg. linux/amd64) (API ≥ 1.49)
                """)
        var platform: String?

        @Argument(help: "Images") var images: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                let platform = try await ImagePlatformFlag(single: self.platform).platforms(minimumAPI: APIVersion(1, 49), client: client)
                let options = ImageInspectOptions(platform: platform.first)
                try await inspectEach(self.images, format: self.format) { try await client.images.inspectWithRaw($0, options: options) }
            }
        }
    }
}
