import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Asks docker's `Are you sure you want to continue? [y/N]` after `warning` (see
/// ``promptYesNo(_:)``).
func confirm(_ warning: String) -> Bool {
    promptYesNo(warning + "\nAre you sure you want to continue?")
}

/// docker's `prompt.Confirm`: prints `question` and ` [y/N] ` on stdout and reads a line of
/// stdin; true only for `y` or `Y` (docker takes `yes` as no). End of input is no.
func promptYesNo(_ question: String) -> Bool {
    printOut(question + " [y/N] ")
    guard let answer = readLine() else { return false }
    return answer.trimmingWhitespace().lowercased() == "y"
}

/// docker's prune report: `Deleted <kind>:` and a line each when anything was removed, then
/// the space reclaimed unless `spaceReclaimed` is nil (network prune reports none).
func pruneReport(_ kind: String, deleted: [String]?, spaceReclaimed: Int64?) -> String {
    var text = ""
    if let deleted, !deleted.isEmpty {
        text += "Deleted \(kind):\n" + deleted.map { $0 + "\n" }.joined() + "\n"
    }
    if let spaceReclaimed {
        text += "Total reclaimed space: \(HumanSize.decimal(spaceReclaimed, precision: 4))\n"
    }
    return text
}

/// The lines of a prune's `Deleted Images:` section: `untagged: …` or `deleted: …` each (the
/// lower case is docker's, unlike `rmi`'s).
func prunedImageLines(_ items: [ImageDeleteResponseItem]?) -> [String] {
    (items ?? []).compactMap { item in
        if let untagged = item.untagged, !untagged.isEmpty { return "untagged: \(untagged)" }
        return item.deleted.map { "deleted: \($0)" }
    }
}
