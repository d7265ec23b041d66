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
            let result = try await client.pruneContainers(filters)
            var text = ""
            if let deleted = result.containersDeleted, !deleted.isEmpty {
                text += "Deleted Containers:\n" + deleted.map { $0 + "\n" }.joined() + "\n"
            }
            text += "Total reclaimed space: \(HumanSize.decimal(result.spaceReclaimed ?? 0))\n"
            printOut(text)
        }
    }
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
