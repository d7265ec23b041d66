import ArgumentParser
import Stevedore

extension StevedoreCommand.Builder {
    /// `stevedore builder prune`: removes build cache, dangling records only unless `--all`,
    /// after docker's one-line prompt.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "prune", abstract: "Remove build cache")

        @Flag(name: [.customShort("a"), .long], help: "Remove all unused build cache, not just dangling ones")
        var all = false

        @OptionGroup var prune: PruneOptions

        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Amount of disk space to keep for cache", valueName: "bytes"))
        var keepStorage: String?

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            // The daemon judges the keys (`until`, `id`, `type`, `inuse`…) and their values.
            let filters = try self.global.pruneFilters(self.prune.filter)
            let keepStorage = try self.keepStorage.map { try FlagValue.parse($0, for: "--keep-storage", MemorySize.parse) }
            let scope = self.all ? "all build cache" : "all dangling build cache"
            guard try await promptYesNo("WARNING! This will remove \(scope). Are you sure you want to continue?", unless: self.prune.force)
            else { return }
            try await withClient(self.global) { client in
                // docker sends no size for 0, which keeps nothing.
                let options = BuildPruneOptions(all: self.all, reservedSpace: keepStorage == 0 ? nil : keepStorage, filters: filters)
                let result = try await client.images.pruneBuildCache(options)
                printOut(pruneReport("build cache objects", deleted: result.cachesDeleted, spaceReclaimed: result.spaceReclaimed ?? 0))
            }
        }
    }
}
