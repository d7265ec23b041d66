/// A value during template execution, as Go's `reflect.Value` carries it.
///
/// `value == nil` is Go's invalid value (a missing map key, an empty pipeline), printed as
/// `<no value>`. `isInterface` marks a value read out of an object or array, which Go holds
/// as `interface {}` until a pipeline stage ends: it decides whether a JSON `null` is a nil
/// interface (`nil pointer evaluating interface {}.X`) and which type an error names.
struct EvaluatedValue {
    var value: TemplateValue?
    var isInterface = false
    /// For a model's nil field, what Go holds: a pointer, slice or map of its type.
    var typedNil: TypedNull?
    /// How Go prints a model's field whose Go type prints in its own way (a `time.Time`).
    var goPrinted: GoPrinted?

    /// For no value: whether it is a typed Go map's missing entry, which docker's typed pass
    /// reads without `missingkey=error` (Go's default option there): a field of it is no value
    /// again (`.Networks.bridge.IPAddress` is `<no value>`), not an error.
    var isMissingTypedEntry = false

    static let invalid = EvaluatedValue(value: nil)

    /// A typed Go map's missing entry (see ``isMissingTypedEntry``).
    static let missingTypedEntry: EvaluatedValue = {
        var value = EvaluatedValue.invalid
        value.isMissingTypedEntry = true
        return value
    }()

    init(value: TemplateValue?, isInterface: Bool = false) {
        self.value = value
        self.isInterface = isInterface
    }

    init(_ value: TemplateValue) { self.value = value }

    /// A model's null field, as docker's typed Go value holds it: a zero value is
    /// itself, a nil keeps null (`json` writes `null`) and prints as Go prints its type's nil.
    init(typedNull type: TypedNull) {
        if case .zero(let zero) = type {
            self.value = zero
        } else {
            self.value = .null
            self.typedNil = type
        }
    }

    /// What Go does after each pipeline stage: an `interface {}` is replaced by what it holds.
    var unboxed: EvaluatedValue {
        guard isInterface else { return self }
        if value == .null { return .invalid }
        return EvaluatedValue(value: value)
    }

    var isTruthy: Bool { value?.isTruthy ?? false }

    /// The Go type an error message names.
    var goTypeName: String { isInterface ? "interface {}" : value?.goTypeName ?? "<nil>" }

    /// How Go prints the value as an action's output.
    var printed: String { goPrinted?.text ?? typedNil?.printedNil ?? value?.goDescription ?? "<no value>" }
}
