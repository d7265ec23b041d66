/// One field of a Go struct as `fmt` prints the struct (`{on-failure 3}`): Go writes the
/// fields' values in declaration order, which need not be a model's (``GoTypedFields/goStructLayout``).
public indirect enum GoStructField: Sendable, Equatable {
    /// The field with this JSON key.
    case field(String)
    /// An embedded struct (a `HostConfig`'s `Resources`): its fields sit beside the others in
    /// JSON, but Go prints them as one nested struct, `{…}`.
    case embedded([GoStructField])
    /// A field Go has and the model has not: the value the daemon's JSON has at this key
    /// where it sent one (a model completed with it), `zero` (Go's zero value) elsewhere.
    case unmodeled(String, zero: TemplateValue)
}

extension [GoStructField] {
    /// The zero value of the field Go has at JSON key `key` and the model has not
    /// (``GoStructField/unmodeled(_:zero:)``), embedded structs' fields included; `nil` for
    /// any other key.
    func unmodeledZero(_ key: String) -> TemplateValue? {
        for field in self {
            switch field {
            case .unmodeled(key, let zero): return zero
            case .embedded(let fields): if let zero = fields.unmodeledZero(key) { return zero }
            case .field, .unmodeled: continue
            }
        }
        return nil
    }
}
