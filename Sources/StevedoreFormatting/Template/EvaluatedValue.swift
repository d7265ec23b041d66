/// A value during template execution, as Go's `reflect.Value` carries it.
///
/// `value == nil` is Go's invalid value (a missing map key, an empty pipeline), printed as
/// `<no value>`. `isInterface` marks a value read out of an object or array, which Go holds
/// as `interface {}` until a pipeline stage ends: it decides whether a JSON `null` is a nil
/// interface (`nil pointer evaluating interface {}.X`) and which type an error names.
struct EvaluatedValue {
    var value: TemplateValue?
    var isInterface = false

    static let invalid = EvaluatedValue(value: nil)

    init(value: TemplateValue?, isInterface: Bool = false) {
        self.value = value
        self.isInterface = isInterface
    }

    init(_ value: TemplateValue) { self.value = value }

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
    var printed: String { value?.goDescription ?? "<no value>" }
}
