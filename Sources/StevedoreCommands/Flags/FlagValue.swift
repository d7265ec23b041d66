import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads flag values as docker's flag parsing does: a value the flag refuses fails the command
/// before any request with docker's message, `invalid argument "VALUE" for "--FLAG" flag:
/// REASON`, and docker's exit code for a bad command line, 125.
enum FlagValue {
    /// `parse(text)`, with an ``InvalidFlagValue`` turned into docker's message for `flag`
    /// (spelled as docker's help shows it: `--ulimit`, `-m, --memory`).
    static func parse<Value>(_ text: String, for flag: String, _ parse: (String) throws -> Value) throws -> Value {
        do {
            return try parse(text)
        } catch let error as InvalidFlagValue {
            // pflag's `invalid argument %q for %q flag: %v`: both quoted as Go quotes.
            throw CommandFailure(
                description: "invalid argument \(GoQuote.quote(text)) for \(GoQuote.quote(flag)) flag: \(error.reason)", exitCode: 125,
                isFlagValue: true)
        }
    }

    /// Each of `texts` read with `parse`, in order.
    static func parseAll<Value>(_ texts: [String], for flag: String, _ parse: (String) throws -> Value) throws -> [Value] {
        try texts.map { try Self.parse($0, for: flag, parse) }
    }

    /// The values of a pflag string slice flag (`--subnet`, `--cache-from`, `--alias`…): each
    /// value is a CSV record (`a,b` gives two), an empty one gives none, and a malformed one is
    /// refused with Go's `encoding/csv` words.
    static func stringSlice(_ texts: [String], for flag: String) throws -> [String] {
        try texts.flatMap { $0.isEmpty ? [] : try Self.parse($0, for: flag, GoCSV.record) }
    }

    /// A failure of the whole command line that no single value explains (conflicting flags),
    /// with docker's exit code 125.
    static func conflict(_ message: String) -> CommandFailure {
        CommandFailure(description: message, exitCode: 125)
    }

    /// `KEY=VALUE` entries as a dictionary (a later key wins); `nil` when there are none.
    /// An entry without `=` is refused unless `bareValue` gives it a value.
    static func keyValues(_ texts: [String], for flag: String, bareValue: String? = nil) throws -> [String: String]? {
        guard !texts.isEmpty else { return nil }
        var values: [String: String] = [:]
        for text in texts {
            let (key, value) = try Self.parse(text, for: flag) { text -> (String, String) in
                guard let (key, value) = text.cut(atFirst: "=") else {
                    guard let bareValue else { throw InvalidFlagValue(reason: "must be KEY=VALUE") }
                    return (text, bareValue)
                }
                guard !key.isEmpty else { throw InvalidFlagValue(reason: "the key is empty: use KEY=VALUE") }
                return (String(key), String(value))
            }
            values[key] = value
        }
        return values
    }

    /// A Go duration (`30s`, `1m30s`) in nanoseconds; refused with `time.ParseDuration`'s
    /// message: a missing unit, an unknown unit, or any other fault (an overflow included).
    static func duration(_ text: String) throws -> Int64 {
        do throws(GoDuration.Failure) {
            return try GoDuration.parse(text)
        } catch .missingUnit {
            throw InvalidFlagValue(reason: "time: missing unit in duration \(GoQuote.quote(text))")
        } catch .unknownUnit(let unit) {
            throw InvalidFlagValue(reason: "time: unknown unit \(GoQuote.quote(unit)) in duration \(GoQuote.quote(text))")
        } catch .invalid {
            throw InvalidFlagValue(reason: "time: invalid duration \(GoQuote.quote(text))")
        }
    }
}
