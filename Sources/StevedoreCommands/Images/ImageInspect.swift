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

        @Option(name: [.customShort("f"), .long], help: "Format output using a custom template: 'json' or a Go template")
        var format: String?

        @Argument(help: "Images") var images: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await inspectEach(self.images, format: self.format) { try await client.images.inspectWithRaw($0) }
            }
        }
    }
}
