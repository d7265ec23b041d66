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
    /// `stevedore image load`: load an image from a tar archive or STDIN.
    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "load", abstract: "Load an image from a tar archive or STDIN")

        @Option(name: [.customShort("i"), .long], parsing: .unconditional, help: "Read from tar archive file, instead of STDIN")
        var input: String?

        @Flag(name: [.customShort("q"), .long], help: "Suppress the load output")
        var quiet = false

        @Option(
            name: .long, parsing: .unconditional,
            help: #"Load only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64") (API ≥ 1.48)"#)
        var platform: String?

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let platformFlag = ImagePlatformFlag(single: self.platform)
            try await withClient(self.global) { client in
                // docker's order: the flag's API version, the input, then the platform.
                try await platformFlag.requireAPIVersion(APIVersion(1, 48), client: client)
                let archive: ByteSource
                if let input = self.input {
                    archive = try ByteSource.file(URL(fileURLWithPath: input))
                } else {
                    guard isatty(STDIN_FILENO) == 0 else {
                        throw CommandFailure(description: "requested load from stdin, but stdin is empty", exitCode: 1)
                    }
                    archive = .stream(StandardInput.uploadChunks)
                }
                let platforms = try platformFlag.platforms { "invalid platform: \($1)" }
                // As docker: the daemon's progress is asked for only when it can be redrawn.
                let display = ProgressDisplay.standardOutput()
                let options = ImageLoadOptions(quiet: self.quiet || !display.isTerminal, platforms: platforms)
                let stream = try await client.images.load(archive, options: options)
                try await stream.show(display: display)
            }
        }
    }
}
