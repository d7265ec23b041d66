import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Container {
    /// `stevedore container prune`: remove all stopped containers.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "prune", abstract: "Remove all stopped containers")

        @OptionGroup var prune: PruneOptions

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let filters = try self.global.pruneFilters(self.prune.filter, as: ContainerPruneFilters.self)
            guard try await confirm("WARNING! This will remove all stopped containers.", unless: self.prune.force) else { return }
            try await withClient(self.global) { client in
                let result = try await client.containers.prune(filters)
                printOut(pruneReport("Containers", deleted: result.containersDeleted, spaceReclaimed: result.spaceReclaimed ?? 0))
            }
        }
    }
}
