/// A value whose Go counterpart in docker's formatting has a `String` method: a template
/// prints ``goString`` where it would print the fields, and `json` still sees the fields.
/// ``TemplateValue/init(encoding:)`` keeps it as the object's ``TemplateObject/goString``.
public protocol GoStringConvertible {
    /// What Go's `fmt.Print` writes for the value.
    var goString: String { get }
}
