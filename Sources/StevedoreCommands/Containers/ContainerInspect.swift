import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Container {
    /// `stevedore container inspect`: display detailed information on one or more containers.
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect", abstract: "Display detailed information on one or more containers")

        @Option(
            name: [.customShort("f"), .long], parsing: .unconditional,
            help: "Format output using a custom template: 'json' or a Go template")
        var format: String?

        @Flag(name: [.customShort("s"), .long], help: "Display total file sizes")
        var size = false

        @Argument(help: "Containers") var containers: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await inspectEach(self.containers, format: self.format) {
                    try await client.containers.inspectWithRaw($0, size: self.size)
                }
            }
        }
    }
}
