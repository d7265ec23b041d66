import Foundation
import Stevedore
import StevedoreFormatting

/// Asks docker's `Are you sure you want to continue? [y/N]` after `warning`; true for y or yes.
func confirm(_ warning: String) -> Bool {
    printOut(warning + "\nAre you sure you want to continue? [y/N] ")
    guard let answer = readLine() else { return false }
    return ["y", "yes"].contains(answer.lowercased().trimmingCharacters(in: .whitespaces))
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
