import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Container {
    /// `stevedore container top`: display the running processes of a container.
    struct Top: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "top", abstract: "Display the running processes of a container")
        @Argument(help: "Container") var container: String
        @Argument(parsing: .allUnrecognized, help: "ps options") var psOptions: [String] = []
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                let top = try await client.containers.top(
                    self.container, psArgs: self.psOptions.isEmpty ? nil : self.psOptions.joined(separator: " "))
                // docker: tabwriter.NewWriter(out, 20, 1, 3, ' ', 0)
                var lines = [(top.titles ?? []).joined(separator: "\t")]
                lines += (top.processes ?? []).map { $0.joined(separator: "\t") }
                let writer = TabWriter(minWidth: 20, tabWidth: 1, padding: 3, padCharacter: " ")
                printOut(writer.format(lines.map { $0 + "\n" }.joined()))
            }
        }
    }
}
