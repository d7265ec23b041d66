/// How Go prints a model's field whose Go type prints in its own way
/// (``GoTypedFields/goPrintedFields``).
public enum GoPrinted: Sendable, Equatable {
    /// A type with a `String` method (`time.Time`, `time.Duration`): what it returns, which
    /// `print` and `printf`'s `%v`, `%s` and `%q` use too.
    case stringer(String)
    /// A `[]byte` (the daemon sends base64): printed as a list of numbers (`[121 10]`), but as
    /// text by `printf`'s `%s`, `%q`, `%x` and `%X` (`printf "%s"` is docker's way to show a
    /// config's data).
    case bytes([UInt8])

    /// What a template's action prints.
    var text: String {
        switch self {
        case .stringer(let text): text
        case .bytes(let bytes): "[" + bytes.map { String($0) }.joined(separator: " ") + "]"
        }
    }

    /// The value `print`, `println` and `printf` receive.
    var printArgument: TemplateValue {
        var printed = TemplateObject()
        printed.goString = self.text
        if case .bytes(let bytes) = self { printed.goBytes = bytes }
        return .object(printed)
    }
}
