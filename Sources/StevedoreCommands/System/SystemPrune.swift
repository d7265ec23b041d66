import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.System {
    /// `stevedore system prune`: docker's warning and prompt, then each kind of object pruned
    /// in docker's order and one report.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "prune", abstract: "Remove unused data")

        @Flag(name: [.customShort("a"), .long], help: "Remove all unused images not just dangling ones")
        var all = false

        @Flag(name: .long, help: "Prune anonymous volumes")
        var volumes = false

        @OptionGroup var prune: PruneOptions

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            // The command line's `until` alone is refused with volumes, as docker refuses it.
            if self.volumes, try parseFilters(self.prune.filter, flag: "--filter").contains(key: "until") {
                throw CommandFailure(description: "ERROR: The \"until\" filter is not supported with \"--volumes\"")
            }
            let filters = try self.global.pruneFilters(self.prune.filter, as: PruneFilters.self)
            guard try await confirm(self.warning(filters), unless: self.prune.force) else { return }
            try await withClient(self.global) { client in
                let report = try await client.system.prune(.init(all: self.all, volumes: self.volumes, filters: filters))
                var text = pruneReport("Containers", deleted: report.containers.containersDeleted, spaceReclaimed: nil)
                text += pruneReport("Networks", deleted: report.networks.networksDeleted, spaceReclaimed: nil)
                text += pruneReport("Volumes", deleted: report.volumes?.volumesDeleted, spaceReclaimed: nil)
                text += pruneReport("Images", deleted: prunedImageLines(report.images.imagesDeleted), spaceReclaimed: nil)
                text += pruneReport("build cache objects", deleted: report.buildCache.cachesDeleted, spaceReclaimed: report.spaceReclaimed)
                printOut(text)
            }
        }

        /// docker's list of what will go, and the filters that narrow it (only `label`,
        /// `label!` and `until`, in natural order).
        func warning(_ filters: PruneFilters) -> String {
            var items = ["all stopped containers", "all networks not used by at least one container"]
            if self.volumes { items.append("all anonymous volumes not used by at least one container") }
            items.append(self.all ? "all images without at least one container associated to them" : "all dangling images")
            items.append(self.all ? "all build cache" : "unused build cache")
            var text = "WARNING! This will remove:\n" + items.map { "  - \($0)\n" }.joined()
            let sent = filters.dockerFilters
            let shown = ["label", "label!", "until"].flatMap { key in sent.values(of: key).map { "\(key)=\($0)" } }.sorted(by: naturalLess)
            if !shown.isEmpty {
                text += "\n  Items to be pruned will be filtered with:\n" + shown.map { "  - \($0)\n" }.joined()
            }
            return text
        }
    }
}
