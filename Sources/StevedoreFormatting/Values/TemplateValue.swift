/// A JSON-shaped value that Go templates are evaluated over.
///
/// It stands for what docker's templates see: the decoded JSON of an API object, or the
/// struct a docker formatter exposes. Objects keep their keys in insertion order, because
/// `{{json .}}` prints a struct's fields in declaration order.
public enum TemplateValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([TemplateValue])
    case object(TemplateObject)
}

extension TemplateValue {
    /// Go's notion of truth used by `if`, `with`, `and`, `or` and `not`: the zero value of a
    /// type (false, 0, "", empty array or object, nil) is false, anything else is true.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .int(let value): value != 0
        case .double(let value): value != 0
        case .string(let value): !value.isEmpty
        case .array(let elements): !elements.isEmpty
        case .object(let object): !object.isEmpty
        }
    }

    /// The name Go gives this value's dynamic type when it comes from decoded JSON, used in
    /// error messages such as `wrong type for value; expected string; got int`.
    var goTypeName: String {
        switch self {
        case .null: "<nil>"
        case .bool: "bool"
        case .int: "int"
        case .double: "float64"
        case .string: "string"
        case .array(let elements): elements.allSatisfy(\.isString) && !elements.isEmpty ? "[]string" : "[]interface {}"
        case .object(let object): object.formatterContextType ?? "map[string]interface {}"
        }
    }

    var isString: Bool {
        if case .string = self { return true }
        return false
    }

    /// The elements of an array whose elements are all strings: Go's `[]string`.
    var stringElements: [String]? {
        guard case .array(let elements) = self else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for element in elements {
            guard case .string(let string) = element else { return nil }
            strings.append(string)
        }
        return strings
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(TemplateObject(elements))
    }
    public init(nilLiteral: ()) { self = .null }
}
