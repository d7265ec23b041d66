import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One build cache record of `system df -v`: the fields of docker's build cache formatting
/// context, as strings (in the order its JSON prints them).
struct BuildCacheRow: FormatterContext {
    static let formatterContextType = "*formatter.buildCacheContext"
    var CacheType: String
    var CreatedAt: String
    var CreatedSince: String
    var Description: String
    var ID: String
    var InUse: String
    var LastUsedAt: String
    var LastUsedSince: String
    var Parent: String
    var Shared: String
    var Size: String
    var UsageCount: String

    static let tableFormat = "table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}"
    /// docker's `--format raw`: a block of `key: value` lines per record.
    static let rawFormat =
        "build_cache_id: {{.ID}}\\nparent_id: {{.Parent}}\\nbuild_cache_type: {{.CacheType}}\\ndescription: {{.Description}}\\n"
        + "created_at: {{.CreatedAt}}\\ncreated_since: {{.CreatedSince}}\\nlast_used_at: {{.LastUsedAt}}\\n"
        + "last_used_since: {{.LastUsedSince}}\\nusage_count: {{.UsageCount}}\\nin_use: {{.InUse}}\\nshared: {{.Shared}}\\n"
    static let titles = [
        "ID": "CACHE ID", "CacheType": "CACHE TYPE", "Size": "SIZE", "CreatedSince": "CREATED", "CreatedAt": "CREATED AT",
        "LastUsedSince": "LAST USED", "LastUsedAt": "LAST USED AT", "UsageCount": "USAGE", "Shared": "SHARED", "InUse": "IN USE",
        "Description": "DESCRIPTION", "Parent": "PARENT",
    ]

    init(_ record: BuildCache, truncate: Bool, now: Date = Date()) {
        let id = truncate ? ObjectID.truncated(record.id ?? "") : record.id ?? ""
        // docker marks a record in use with a star after its id.
        self.ID = record.inUse == true ? id + "*" : id
        // docker's: the parents when there are any, else the deprecated single parent.
        let parents = record.parents ?? []
        let parent = parents.isEmpty ? record.parent ?? "" : parents.joined(separator: ", ")
        self.Parent = truncate ? ObjectID.truncated(parent) : parent
        self.CacheType = record.type?.rawValue ?? ""
        // Never cut, not even in a table: docker's neither.
        self.Description = record.description ?? ""
        self.Size = HumanSize.decimal(Int64(record.size ?? 0))
        self.CreatedAt = goTimeString(record.createdAt ?? "") ?? ""
        self.CreatedSince = DockerTimestamp(record.createdAt ?? "").map { HumanDuration.ago($0.date, now: now) } ?? ""
        let lastUsed = DockerTimestamp(record.lastUsedAt ?? "")
        self.LastUsedAt = goTimeString(record.lastUsedAt ?? "") ?? ""
        self.LastUsedSince = lastUsed.map { HumanDuration.ago($0.date, now: now) } ?? ""
        self.UsageCount = String(record.usageCount ?? 0)
        self.InUse = String(record.inUse ?? false)
        self.Shared = String(record.shared ?? false)
    }

    /// docker's order: least recently used first (never used before all), then by id.
    static func sorted(_ records: [BuildCache]) -> [BuildCache] {
        records.sorted { lhs, rhs in
            let left = DockerTimestamp(lhs.lastUsedAt ?? "")
            let right = DockerTimestamp(rhs.lastUsedAt ?? "")
            if left != right {
                guard let left else { return true }
                guard let right else { return false }
                return left < right
            }
            return (lhs.id ?? "") < (rhs.id ?? "")
        }
    }
}
