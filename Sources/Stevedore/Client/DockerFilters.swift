import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The `filters` of list, prune and event requests: each key with a set of values, sent as the
/// JSON object the daemon parses (`{"label":{"a=b":true},"type":{"container":true}}`, the form
/// the docker CLI sends and every daemon since API 1.24 accepts).
public struct DockerFilters: Hashable, Sendable, ExpressibleByDictionaryLiteral {
    /// Keys and values as the daemon tells them apart: by their bytes (`label=café` and
    /// `label=cafe\u{301}` are two values).
    private(set) var values: [ExactText: Set<ExactText>] = [:]

    public init() {}

    public init(dictionaryLiteral elements: (String, [String])...) {
        for (key, values) in elements {
            for value in values { self.add(key, value) }
        }
    }

    /// Adds `value` under `key` (`label`, `"com.example=1"`); values of one key are ORed by the
    /// daemon, keys are ANDed.
    public mutating func add(_ key: String, _ value: String) {
        self.values[ExactText(key), default: []].insert(ExactText(value))
    }

    /// A copy with `value` added under `key`.
    public func adding(_ key: String, _ value: String) -> DockerFilters {
        var copy = self
        copy.add(key, value)
        return copy
    }

    public var isEmpty: Bool { self.values.isEmpty }

    /// Whether `key` has any value.
    public func contains(key: String) -> Bool {
        self.values[ExactText(key)] != nil
    }

    /// The values of `key` (none when it has none), in no particular order.
    public func values(of key: String) -> [String] {
        self.values[ExactText(key)].map { $0.map(\.text) } ?? []
    }

    /// Whether `value` is one of `key`'s values, byte for byte.
    public func contains(_ key: String, _ value: String) -> Bool {
        self.values[ExactText(key)]?.contains(ExactText(value)) ?? false
    }

    /// Parses the CLI's `--filter key=value` form as docker's CLI reads it: split at the first
    /// `=`, the key lowercased, both sides without white space at their ends (` Label = a=b `
    /// adds `a=b` under `label`). An empty argument adds nothing; one without `=` throws
    /// ``DockerError/Category/invalidInput``. An empty key is the daemon's to refuse.
    public mutating func add(parsing argument: String) throws {
        guard Self.isWellFormed(argument) else {
            throw DockerError.invalidInput("bad format of filter (expected name=value): \(argument)")
        }
        guard let (key, value) = argument.cut(atFirst: "=") else { return }
        self.add(key.trimmingWhitespace().lowercased(), value.trimmingWhitespace())
    }

    /// Whether ``add(parsing:)`` takes `argument`: it is empty or holds an `=`.
    package static func isWellFormed(_ argument: String) -> Bool {
        argument.isEmpty || argument.contains(scalar: "=")
    }

    /// The JSON text, keys and values in byte order (as Go writes a map's keys) so that equal
    /// filters encode equally.
    var json: String {
        let members = self.values.sorted { $0.key < $1.key }.map { key, values in
            let inner = values.sorted().map { "\(jsonString($0.text)):true" }.joined(separator: ",")
            return "\(jsonString(key.text)):{\(inner)}"
        }
        return "{" + members.joined(separator: ",") + "}"
    }
}

/// A JSON string literal for `value`.
private func jsonString(_ value: String) -> String {
    var result = "\""
    for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case _ where scalar.value < 0x20: result += "\\u" + scalar.value.hexDigits(width: 4)
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}
