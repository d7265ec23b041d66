import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `--security-opt` values as docker's CLI sends them: `KEY=VALUE` (or the older `KEY:VALUE`,
/// or the bare `no-new-privileges`); `seccomp=PATH` is replaced by the profile's JSON,
/// compacted (the daemon cannot read the client's files); `systempaths=unconfined` is not sent
/// but empties `MaskedPaths` and `ReadonlyPaths`.
struct SecurityOptions {
    /// The options to send as `SecurityOpt`.
    var options: [String] = []
    /// `[]` with `systempaths=unconfined`, else `nil` (the daemon's defaults).
    var maskedPaths: [String]?
    var readonlyPaths: [String]?

    init(_ values: [String]) throws {
        for value in values {
            var parts = value.split(scalar: "=", maxSplits: 1).map(String.init)
            if parts.count == 1 && value != "no-new-privileges" {
                guard value.contains(scalar: ":") else { throw FlagValue.conflict("Invalid --security-opt: \"\(value)\"") }
                parts = value.split(scalar: ":", maxSplits: 1).map(String.init)
            }
            if value == "systempaths=unconfined" {
                self.maskedPaths = []
                self.readonlyPaths = []
            } else if parts.count == 2 && parts[0] == "seccomp" && parts[1] != "unconfined" && parts[1] != "builtin" {
                // `unconfined` and `builtin` (the daemon's default profile) are names, not files.
                self.options.append("seccomp=" + (try Self.compactProfile(at: parts[1])))
            } else {
                self.options.append(value)
            }
        }
    }

    /// The seccomp profile at `path` as one line of JSON.
    private static func compactProfile(at path: String) throws -> String {
        let data: Data
        do {
            data = try LocalFiles.contents(ofFile: path)
        } catch {
            throw FlagValue.conflict("opening seccomp profile (\(path)) failed: \(error)")
        }
        do {
            _ = try TemplateValue(json: data)
        } catch {
            throw FlagValue.conflict("compacting json for seccomp profile (\(path)) failed: \(error)")
        }
        return GoJSONText.compact(data)
    }
}
