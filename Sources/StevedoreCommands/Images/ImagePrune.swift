import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Image {
    /// `stevedore image prune`: remove unused images.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "prune", abstract: "Remove unused images")

        @Flag(name: [.customShort("a"), .long], help: "Remove all unused images, not just dangling ones")
        var all = false

        @OptionGroup var prune: PruneOptions

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let filters = try self.global.pruneFilters(self.prune.filter)
            let warning =
                self.all
                ? "WARNING! This will remove all images without at least one container associated to them."
                : "WARNING! This will remove all dangling images."
            guard try await confirm(warning, unless: self.prune.force) else { return }
            try await withClient(self.global) { client in
                let result = try await client.images.prune(.init(dangling: !self.all, filters: filters))
                let deleted = prunedImageLines(result.imagesDeleted)
                printOut(pruneReport("Images", deleted: deleted, spaceReclaimed: deleted.isEmpty ? 0 : result.spaceReclaimed ?? 0))
            }
        }
    }
}
