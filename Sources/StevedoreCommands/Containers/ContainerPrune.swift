import ArgumentParser
import Foundation
import Stevedore

extension StevedoreCommand.Container {
    /// `stevedore container prune`: remove all stopped containers.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "prune", abstract: "Remove all stopped containers")

        @OptionGroup var prune: PruneOptions

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            var filters = ContainerPruneFilters()
            for argument in self.prune.filter {
                guard argument.contains("="), !argument.hasPrefix("=") else {
                    throw CommandFailure(description: "bad format of filter (expected name=value): \(argument)", exitCode: 125)
                }
                let key = String(argument.prefix(while: { $0 != "=" }))
                let value = String(argument.dropFirst(key.count + 1))
                switch key {
                case "until": filters.until = value
                case "label": filters.label.append(LabelFilter(parsing: value))
                case "label!": filters.labelNot.append(LabelFilter(parsing: value))
                default:
                    throw CommandFailure(
                        description: "invalid filter '\(key)': container prune takes until, label and label!", exitCode: 125)
                }
            }
            guard self.prune.force || confirm("WARNING! This will remove all stopped containers.") else { return }
            try await withClient(self.global) { client in
                let result = try await client.containers.prune(filters)
                printOut(pruneReport("Containers", deleted: result.containersDeleted, spaceReclaimed: result.spaceReclaimed ?? 0))
            }
        }
    }
}
