/// A model whose docker Go type names or prints some fields other than
/// ``TemplateValue/init(encoding:)`` encodes them: Go names that differ from the JSON keys,
/// scalars that can be nil (`HostConfig.Init` is a `*bool`), which print `<nil>` where null,
/// and types Go prints in their own way (`time.Time`, `time.Duration`, `[]byte`). `json` still
/// writes what the daemon sent.
public protocol GoTypedFields {
    /// The Go type docker's templates run over where no daemon's JSON backs it (an event is
    /// its `*events.Message`), which a field it lacks fails naming (`can't evaluate field X in
    /// type *events.Message`), its JSON keys included where Go names the field otherwise.
    /// `nil` (the default) for a value docker also reads as JSON: a missing field is then a
    /// missing map key.
    static var goStructType: String? { get }
    /// Go's names of the fields whose JSON key differs, by Go name (`ID` for `Id`): docker's
    /// templates reach a field by either.
    static var goFieldNames: [String: String] { get }
    /// The JSON keys of the scalar fields the Go type can hold as nil (a pointer, a `[]byte`):
    /// where null, they stay null (`json` writes `null`) and print `<nil>`, not a zero value,
    /// unless ``goPrintedFields`` says otherwise (a nil `[]byte` prints `[]`).
    static var goNilableFields: Set<String> { get }
    /// What Go prints for the fields whose Go type prints in its own way, by JSON key: a
    /// `time.Time` as `2026-12-06 04:58:06.5 +0000 UTC`, a `time.Duration` as `1m30s`, a
    /// `[]byte` as `[121 10]`.
    var goPrintedFields: [String: GoPrinted] { get }
    /// The Go type's fields in its declaration order, for printing the struct (`{{.State}}`),
    /// where they differ from the model's: another order, embedded structs, fields JSON never
    /// carries. `nil` (the default) when Go declares the model's fields in the model's order.
    static var goStructLayout: [GoStructField]? { get }
    /// The JSON keys of the map fields whose Go key type is a named one, with that type
    /// (`ExposedPorts` is a `nat.PortSet`, keyed by `nat.Port`): a template's `index` into them
    /// fails on the typed value, and docker falls back to its daemon's JSON.
    static var goMapKeyTypes: [String: String] { get }
    /// The JSON keys of the fields whose Go type is a pointer to a struct (`State` is a
    /// `*container.State`): `print` and `printf` write such a value as `&{…}`, where a template's
    /// action goes through the pointer and prints `{…}`.
    static var goStructPointerFields: Set<String> { get }
    /// The JSON keys Go's `omitempty` leaves out of `json` when the field is nil, for a value
    /// made here rather than read from the daemon (the CLI's own `clientVersion`); a template
    /// still reads the field's nil or zero value.
    static var goOmittedWhenNil: Set<String> { get }
}

extension GoTypedFields {
    public static var goStructType: String? { nil }
    public static var goFieldNames: [String: String] { [:] }
    public static var goNilableFields: Set<String> { [] }
    public var goPrintedFields: [String: GoPrinted] { [:] }
    public static var goStructLayout: [GoStructField]? { nil }
    public static var goMapKeyTypes: [String: String] { [:] }
    public static var goStructPointerFields: Set<String> { [] }
    public static var goOmittedWhenNil: Set<String> { [] }
}
