import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Network {
    /// `stevedore network prune`: asks first unless `-f`, then lists the removed networks.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "prune", abstract: "Remove all unused networks")

        @OptionGroup var prune: PruneOptions
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let filters = try self.global.pruneFilters(self.prune.filter, as: NetworkPruneFilters.self)
            guard
                try await confirm(
                    "WARNING! This will remove all custom networks not used by at least one container.", unless: self.prune.force)
            else {
                return
            }
            try await withClient(self.global) { client in
                printOut(pruneReport("Networks", deleted: try await client.networks.prune(filters).networksDeleted, spaceReclaimed: nil))
            }
        }
    }
}
