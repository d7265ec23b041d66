/// What a model's null field is in docker's typed Go value, which decides what a template
/// prints for it: Go prints a nil slice as `[]`, a nil map as `map[]` and a nil pointer as
/// `<nil>`, and a plain string, boolean or number the daemon left out (`omitempty`) holds its
/// zero value. A JSON null read out of a `map[string]interface{}` prints `<no value>` instead.
///
/// ``TemplateValue/init(encoding:)`` records one for each optional field it encodes as null
/// (``TemplateObject/typedNulls``), from the field's Swift type; a model whose Go type holds a
/// scalar that can be nil (`HostConfig.Init` is a `*bool`) says so with ``GoTypedFields``.
public enum TypedNull: Sendable, Equatable {
    /// A pointer, interface or struct pointer: `<nil>`. `goType` names a pointer to a struct
    /// docker runs its template over without JSON to fall back to (``GoTypedFields/goStructType``,
    /// `*swarm.ClusterInfo`): a field of it is then `nil pointer evaluating *swarm.ClusterInfo.ID`,
    /// and a name that is no field of the struct (``GoStructPointee``) `can't evaluate field`.
    case pointer(goType: String? = nil, pointee: GoStructPointee? = nil)
    /// A slice: `[]`; `json` writes `null`.
    case slice
    /// A map: `map[]`; `json` writes `null`; a key of it is missing, `index` gives its
    /// element's zero value (`""` for a `map[string]string`), unless the map's keys are of a
    /// named type (`keyType`, ``TemplateObject/goMapKeyType``), which `index` cannot take.
    case map(TemplateObject.TypedMapElement?, keyType: String? = nil)
    /// A string, boolean or number with its zero value (`""`, `false`, `0`), `json` included.
    case zero(TemplateValue)

    /// The Go type behind an optional Swift field of type `type`.
    init(goTypeOf type: Any.Type) {
        if type == String.self {
            self = .zero(.string(""))
        } else if type == Bool.self {
            self = .zero(.bool(false))
        } else if type is any BinaryInteger.Type {
            self = .zero(.int(0))
        } else if type is any BinaryFloatingPoint.Type {
            self = .zero(.double(0))
        } else if let rawRepresentable = type as? any RawRepresentable.Type {
            self = Self.rawValueZero(rawRepresentable)
        } else if let dictionary = type as? any StringKeyedDictionary.Type {
            self = .map(dictionary.typedMapElement(of: nil))
        } else if type is any RangeReplaceableCollection.Type {
            self = .slice
        } else {
            // A struct held by value is never nil in Go; only a pointer's type is named.
            guard let goType = (type as? any GoTypedFields.Type)?.goStructType, goType.hasBytePrefix("*") else {
                self = .pointer()
                return
            }
            let model = type as? any (Decodable & Encodable & GoTypedFields & Sendable).Type
            self = .pointer(goType: goType, pointee: model.map(GoStructPointee.init))
        }
    }

    /// An open enum is a Go string (or integer) type.
    private static func rawValueZero<Enum: RawRepresentable>(_: Enum.Type) -> TypedNull {
        Enum.RawValue.self == String.self ? .zero(.string("")) : Self(goTypeOf: Enum.RawValue.self)
    }

    var isMap: Bool {
        if case .map = self { return true }
        return false
    }

    /// The value a Go function receives for it (`print`, a field of a printed struct or map):
    /// a nil slice or map as an empty one, a nil pointer as nil, a zero value as itself.
    var goValue: TemplateValue {
        switch self {
        case .slice: .array([])
        case .map: .object(TemplateObject())
        case .pointer: .null
        case .zero(let zero): zero
        }
    }

    /// How Go prints it where it is null (`nil` for a zero value, which prints as itself).
    var printedNil: String? {
        switch self {
        case .pointer: "<nil>"
        case .slice: "[]"
        case .map: "map[]"
        case .zero: nil
        }
    }
}
