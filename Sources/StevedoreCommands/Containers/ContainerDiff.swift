import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Container {
    /// `stevedore container diff`: inspect changes to files or directories on a container's filesystem.
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff", abstract: "Inspect changes to files or directories on a container's filesystem")
        @Argument(help: "Container") var container: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                for change in try await client.containers.changes(self.container) {
                    printOut("\(change.kind?.symbol ?? "?") \(change.path ?? "")\n")
                }
            }
        }
    }
}
