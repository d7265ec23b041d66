/// The fields of a ``TemplateValue/object(_:)``: string keys in insertion order with fast lookup.
///
/// Setting an existing key replaces its value in place, keeping its position, as a JSON
/// decoder does with a duplicated key.
public struct TemplateObject: Sendable, Equatable {
    public private(set) var keys: [String] = []
    private var values: [TemplateValue] = []
    private var positions: [String: Int] = [:]
    /// For an object that stands for a typed Go map (`map[string]string` labels, a
    /// `map[string]*EndpointSettings`), its element type: a missing key is then no error even
    /// where missing keys are (`docker inspect` runs its template over the typed value first,
    /// where `.Config.Labels.nope` is `<no value>`), and `index` gives the element's zero value.
    /// `nil` for a struct or a JSON object (Go's `map[string]interface{}`). Not part of equality.
    public var typedMapElement: TypedMapElement?
    /// Methods with an argument the object offers beside its fields (`.Label "name"`), by name.
    /// They are not fields: `{{json .}}` and `range` do not see them. Not part of equality.
    public var methods: [String: TemplateMethod] = [:]
    /// Go's names of fields whose JSON key differs (an event's `Time` is its `time`), so that a
    /// template reaches them by either; a field left out of the JSON when empty (Go's
    /// `omitempty`) reads as `""`, the zero value of the string fields these are but for a few
    /// (a runtime's `Options` map reads as `""` where Go prints `map[]`). Not part of equality.
    public var goFieldNames: [String: String] = [:]
    /// What Go prints for a value whose type has a `String` method (a platform prints as
    /// `linux/amd64`), in place of its fields; `json` still sees the fields. Not part of equality.
    public var goString: String?
    /// Keys of a model's fields that the daemon left out and the model holds as null: Go's
    /// `omitempty` fields, which `json` leaves out as Go does, while a template still reaches
    /// them. Not part of equality.
    public var omittedFromJSON: Set<String> = []
    /// For a model's fields that are null, what they are in docker's typed Go value, which a
    /// template prints (`[]` for a nil slice, `""` for a string left out). Not part of equality.
    public var typedNulls: [String: TypedNull] = [:]
    /// For a model's fields whose Go type has a `String` method (a `time.Time`), what a template
    /// prints for them (``GoTypedFields/goPrintedFields``). Not part of equality.
    public var goPrinted: [String: GoPrinted] = [:]
    /// For a model docker's templates see only as its Go type, that type
    /// (``GoTypedFields/goStructType``). Not part of equality.
    public var goStructType: String?
    /// For one of docker's formatter contexts (a list row), its Go type, which errors name
    /// (`*formatter.ContainerContext`). Such an object is a Go struct: a nil field prints
    /// `<nil>` (a map's null entry prints `<no value>`), a missing one is an error whatever the
    /// missing-key option, and it marshals itself with Go's `json.Marshal`, so `json` escapes
    /// `<`, `>` and `&` (`\u003c`…) in it where the template's `json` otherwise does not. `nil`
    /// for a JSON object or a typed map. Not part of equality.
    public var formatterContextType: String?
    /// For an object encoded from a model, a Go struct, its fields in the order Go declares
    /// them (``GoTypedFields/goStructLayout``, the model's own order by default): Go prints a
    /// struct as `{v1 v2 …}`, not as a map. Fields only the daemon's JSON has (a merged
    /// object's) are not part of it. `nil` for a map, a JSON object, a formatter context and an
    /// object built by hand. Not part of equality.
    public var goStructFields: [GoStructField]?
    /// For a typed Go map whose key type is a named one (`nat.Port` of a `nat.PortMap`), that
    /// type: `index` cannot look a string up in it, so docker's typed pass fails and its
    /// fallback to the daemon's JSON runs. Not part of equality.
    public var goMapKeyType: String?
    /// Whether Go holds this struct through a pointer (``GoTypedFields/goStructPointerFields``),
    /// which `print` and `printf` write as `&{…}`. Not part of equality.
    public var isGoPointer = false
    /// For a Go `[]byte` handed to `print` or `printf` (``GoPrinted/bytes(_:)``), its bytes:
    /// `printf`'s `%s`, `%q`, `%x` and `%X` format them as text, anything else prints
    /// ``goString``. Not part of equality.
    public var goBytes: [UInt8]?
    /// For a Go integer type with a `String` method handed to `print` or `printf` (a
    /// `time.Duration`, a `time.Month`), its number: `printf`'s integer verbs format it, `%v`,
    /// `%s`, `%q`, `%x` and `%X` its ``goString``. Not part of equality.
    public var goInteger: Int64?
    /// For a Go struct whose JSON is not its fields (one that embeds another, whose fields
    /// JSON flattens; one with its own `MarshalJSON`), what Go's `json.Marshal` writes for it,
    /// which `json` writes in its place. Not part of equality.
    public var goJSON: TemplateValue? {
        get { self.goJSONStorage.first }
        set { self.goJSONStorage = newValue.map { [$0] } ?? [] }
    }
    /// ``goJSON``, held out of line: an object cannot hold a value, which holds objects, inline.
    private var goJSONStorage: [TemplateValue] = []
    /// Whether the Go type writes its JSON with its own `MarshalJSON` built on `json.Marshal`
    /// (a context's `command.DockerContext`), which escapes `<`, `>` and `&` in it whatever the
    /// template's `json` does elsewhere. Not part of equality.
    public var goMarshalsJSONItself = false

    /// The element type of a typed Go map, for its zero value.
    public enum TypedMapElement: Sendable {
        /// `string`: a missing key's value is `""`.
        case string
        /// A pointer to a struct: a missing key's value is `<nil>`.
        case pointer

        /// The zero value `index` gives for a missing key.
        var zeroValue: TemplateValue {
            switch self {
            case .string: .string("")
            case .pointer: .null
            }
        }
    }

    public init() {}

    public init<S: Sequence>(_ fields: S) where S.Element == (String, TemplateValue) {
        for (key, value) in fields { self[key] = value }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// Sets `key` to a Go field that is nil and `omitempty`: a template reads it as
    /// `typedNull` says (`[]` for a slice), `json` leaves it out.
    public mutating func setOmittedNil(_ key: String, readAs typedNull: TypedNull) {
        self[key] = .null
        self.typedNulls[key] = typedNull
        self.omittedFromJSON.insert(key)
    }

    /// The fields in insertion order.
    public var fields: [(key: String, value: TemplateValue)] {
        Array(zip(keys, values)).map { (key: $0.0, value: $0.1) }
    }

    /// The fields ordered by key, the order in which Go prints and ranges over maps.
    public var sortedFields: [(key: String, value: TemplateValue)] {
        fields.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    public subscript(key: String) -> TemplateValue? {
        get { positions[key].map { values[$0] } }
        set {
            if let position = positions[key] {
                if let newValue {
                    values[position] = newValue
                } else {
                    keys.remove(at: position)
                    values.remove(at: position)
                    reindex()
                }
            } else if let newValue {
                positions[key] = keys.count
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// This object with its fields reordered by key, as Go orders the keys of a map.
    func sortedByKey() -> TemplateObject {
        var sorted = self
        let fields = self.sortedFields
        sorted.keys = fields.map(\.key)
        sorted.values = fields.map(\.value)
        sorted.reindex()
        return sorted
    }

    /// This object merged with `other`: `other`'s keys first, in `other`'s order, each with
    /// `combine(own, other's)` where this object has the key too and `other`'s value where it
    /// has not, then this object's other keys in their order; everything else as it is.
    func merged(inOrderOf other: TemplateObject, combine: (TemplateValue, TemplateValue) -> TemplateValue) -> TemplateObject {
        var merged = self
        merged.keys = other.keys + self.keys.filter { other.positions[$0] == nil }
        merged.values = merged.keys.compactMap { key in
            let theirs = other[key]
            guard let own = self[key] else { return theirs }
            return theirs.map { combine(own, $0) } ?? own
        }
        merged.reindex()
        return merged
    }

    /// Rebuilds the lookup from ``keys`` after they were removed or reordered.
    private mutating func reindex() {
        positions = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
    }

    public static func == (lhs: TemplateObject, rhs: TemplateObject) -> Bool {
        lhs.keys == rhs.keys && lhs.values == rhs.values
    }
}
