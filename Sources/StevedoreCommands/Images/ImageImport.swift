import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Image {
    /// `stevedore image import`: import the contents from a tarball to create a filesystem image.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Import the contents from a tarball to create a filesystem image")

        @Option(
            name: [.customShort("c"), .long], parsing: .unconditionalSingleValue, help: "Apply Dockerfile instruction to the created image")
        var change: [String] = []

        @Option(name: [.customShort("m"), .long], parsing: .unconditional, help: "Set commit message for imported image")
        var message: String?

        @Option(name: .long, parsing: .unconditional, help: "Set platform if server is multi-platform capable")
        var platform: String?

        @Argument(help: "file|URL|-") var source: String
        @Argument(help: "REPOSITORY[:TAG]") var repository: String?
        /// docker ignores the arguments after the repository.
        @Argument(help: .hidden) var ignored: [String] = []
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            if let repository = self.repository { _ = try parseImageName(repository) }
            let source: ImageImportSource
            if self.source == "-" {
                source = .archive(.stream(StandardInput.uploadChunks))
            } else if let scheme = URL(string: self.source)?.scheme, ["http", "https"].contains(scheme.lowercased()) {
                source = .url(self.source)
            } else {
                source = .archive(try ByteSource.file(URL(fileURLWithPath: self.source)))
            }
            let options = ImageImportOptions(
                repository: self.repository, message: self.message, changes: self.change, platform: platformFlag(self.platform))
            try await withClient(self.global) { client in
                let progress = try await client.images.import(from: source, options: options)
                try await progress.show()
            }
        }
    }
}
