/// Fields of a credentials type for its description and mirror, with its secrets replaced by
/// `<redacted>` and unset fields left out: what string interpolation, `print`, `dump` and a
/// debugger show of credentials, so that a log line or an error message never carries one.
package struct RedactedFields {
    private var fields: [(label: String, value: String)] = []

    package init() {}

    /// Adds a field shown as it is, when set.
    package mutating func plain(_ label: String, _ value: String?) {
        if let value { self.fields.append((label, value)) }
    }

    /// Adds a secret, shown as `<redacted>` when set.
    package mutating func secret(_ label: String, _ value: String?) {
        if value != nil { self.fields.append((label, "<redacted>")) }
    }

    /// `TypeName(label: value, …)`.
    package func description(of typeName: String) -> String {
        typeName + "(" + self.fields.map { "\($0.label): \($0.value)" }.joined(separator: ", ") + ")"
    }

    /// A mirror of `subject` with these fields as its children.
    package func mirror<Subject>(of subject: Subject) -> Mirror {
        Mirror(subject, children: self.fields.map { (label: $0.label, value: $0.value as Any) })
    }
}
