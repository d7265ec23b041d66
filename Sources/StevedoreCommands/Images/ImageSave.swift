import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension StevedoreCommand.Image {
    /// `stevedore image save`: save one or more images to a tar archive (streamed to STDOUT by default).
    struct Save: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "save", abstract: "Save one or more images to a tar archive (streamed to STDOUT by default)")

        @Option(name: [.customShort("o"), .long], parsing: .unconditional, help: "Write to a file, instead of STDOUT")
        var output: String?

        @Option(
            name: .long, parsing: .unconditional,
            help: #"Save only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64") (API ≥ 1.48)"#)
        var platform: String?

        @Argument(help: "Images") var images: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                let platformFlag = ImagePlatformFlag(single: self.platform)
                let platforms = try await platformFlag.platforms(minimumAPI: APIVersion(1, 48), client: client) {
                    "invalid platform: \($1)"
                }
                let output = try outputFile(self.output, failure: "failed to save image")
                try await writeStream(try await client.images.save(self.images, platforms: platforms), to: output)
            }
        }
    }
}
