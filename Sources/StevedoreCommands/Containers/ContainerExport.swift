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

extension StevedoreCommand.Container {
    /// `stevedore container export`: export a container's filesystem as a tar archive.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Export a container's filesystem as a tar archive")
        @Option(name: [.customShort("o"), .long], parsing: .unconditional, help: "Write to a file, instead of STDOUT")
        var output: String?
        @Argument(help: "Container") var container: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let output = try outputFile(self.output, failure: "failed to export container")
            try await withClient(self.global) { client in
                let tar = try await client.containers.export(self.container)
                try await writeStream(tar, to: output)
            }
        }
    }
}
