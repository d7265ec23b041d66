import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Volume {
    /// `stevedore volume prune`: asks first unless `-f`, then lists the removed volumes and
    /// the space reclaimed.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "prune", abstract: "Remove unused local volumes")

        @Flag(name: [.customShort("a"), .long], help: "Remove all unused volumes, not just anonymous ones (API ≥ 1.42)") var all = false
        @OptionGroup var prune: PruneOptions
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let given = try self.global.pruneFilters(self.prune.filter)
            var filters = try VolumePruneFilters(given)
            try await withClient(self.global) { client in
                if self.all {
                    try await requireAPIVersions(of: [(name: "all", minimumAPI: APIVersion(1, 42))], client: client)
                    if given.contains(key: "all") {
                        throw CommandFailure(description: "conflicting options: cannot specify both --all and --filter all=1")
                    }
                    filters.all = true
                }
                // Before API 1.42 the daemon prunes named volumes too; from 1.42 only anonymous ones unless all.
                let version = try await client.apiVersion()
                let which = version < APIVersion(1, 42) || filters.all ? "all local volumes" : "anonymous local volumes"
                guard try await confirm("WARNING! This will remove \(which) not used by at least one container.", unless: self.prune.force)
                else { return }
                let result = try await client.volumes.prune(filters)
                printOut(pruneReport("Volumes", deleted: result.volumesDeleted, spaceReclaimed: result.spaceReclaimed ?? 0))
            }
        }
    }
}
