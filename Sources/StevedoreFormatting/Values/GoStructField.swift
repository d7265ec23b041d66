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
    /// Whether a field, an embedded struct's included, has JSON key `key`.
    func contains(key: String) -> Bool {
        self.contains { field in
            switch field {
            case .field(let name), .unmodeled(let name, _): name == key
            case .embedded(let fields): fields.contains(key: key)
            }
        }
    }

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
