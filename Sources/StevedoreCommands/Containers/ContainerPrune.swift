import ArgumentParser
import Foundation
import Stevedore
import StevedoreFormatting

struct ContainerPrune: AsyncParsableCommand {
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
            default: throw CommandFailure(description: "invalid filter '\(key)': container prune takes until, label and label!", exitCode: 125)
            }
        }
        guard self.prune.force || confirm("WARNING! This will remove all stopped containers.") else { return }
        try await withClient(self.global) { client in
            let result = try await client.containers.prune(filters)
            printOut(pruneReport("Containers", deleted: result.containersDeleted, spaceReclaimed: result.spaceReclaimed ?? 0))
        }
    }
}

/// docker's prune report: `Deleted <kind>:` and a line each when anything was removed, then
/// the space reclaimed unless `spaceReclaimed` is nil (network prune reports none).
func pruneReport(_ kind: String, deleted: [String]?, spaceReclaimed: Int64?) -> String {
    var text = ""
    if let deleted, !deleted.isEmpty {
        text += "Deleted \(kind):\n" + deleted.map { $0 + "\n" }.joined() + "\n"
    }
    if let spaceReclaimed {
        text += "Total reclaimed space: \(HumanSize.decimal(spaceReclaimed))\n"
    }
    return text
}

/// Asks docker's `Are you sure you want to continue? [y/N]` after `warning`; true for y or yes.
func confirm(_ warning: String) -> Bool {
    printOut(warning + "\nAre you sure you want to continue? [y/N] ")
    guard let answer = readLine() else { return false }
    return ["y", "yes"].contains(answer.lowercased().trimmingCharacters(in: .whitespaces))
}

/// The `--filter` and `--force` options of the prune commands.
struct PruneOptions: ParsableArguments {
    @Option(name: .long, help: "Provide filter values (e.g. \"until=<timestamp>\")")
    var filter: [String] = []

    @Flag(name: [.customShort("f"), .long], help: "Do not prompt for confirmation")
    var force = false
}
