import StevedoreText

/// A `label` filter value: a label that must be present (`key`) or have a value (`key=value`).
/// Used by list and prune filters; prune also takes them negated (`label!`).
public struct LabelFilter: Hashable, Sendable, CustomStringConvertible {
    public var key: String
    /// The value the label must have; `nil` matches any value.
    public var value: String?

    public init(_ key: String, _ value: String? = nil) {
        self.key = key
        self.value = value
    }

    /// Parses the CLI's `key` or `key=value` form (the first `=` splits).
    public init(parsing text: String) {
        if let (key, value) = text.cut(atFirst: "=") {
            self.init(String(key), String(value))
        } else {
            self.init(text)
        }
    }

    /// `key` or `key=value`, as the daemon reads it.
    public var description: String {
        self.value.map { "\(self.key)=\($0)" } ?? self.key
    }
}
