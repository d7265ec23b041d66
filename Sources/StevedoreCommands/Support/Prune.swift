import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

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
