import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension TemplateValue {
    /// Encodes `value` the way `JSONEncoder` would, straight into a ``TemplateValue``.
    ///
    /// Struct fields keep their declaration order (Go prints struct fields in order); the keys
    /// of a `[String: V]` dictionary are sorted (Go sorts map keys when it marshals a map).
    /// `Date` becomes an RFC 3339 string, `Data` base64 and `URL` its absolute string, as Go's
    /// `encoding/json` writes `time.Time`, `[]byte` and `url.URL`.
    public init<T: Encodable>(encoding value: T) throws {
        self = try TemplateValueEncoding.encode(value, codingPath: [])
    }
}

/// The `Encoder` behind ``TemplateValue/init(encoding:)``.
enum TemplateValueEncoding {
    static func encode<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> TemplateValue {
        if let primitive = primitive(value) { return primitive }
        let encoder = NodeEncoder(node: EncodedNode(), codingPath: codingPath)
        try value.encode(to: encoder)
        let result = encoder.node.value
        if let dictionary = value as? any StringKeyedDictionary, case .object(let object) = result {
            var sorted = object.sortedByKey()
            sorted.typedMapElement = type(of: dictionary).typedMapElement(of: sorted)
            return .object(sorted)
        }
        guard case .object(var object) = result else { return result }
        // A model that encodes its own fields (not through one value) is a Go struct; a
        // formatter context is one too, but docker's holds other fields than it shows.
        if case .keyed(let keys, _) = encoder.node.content, !(value is any FormatterContext) {
            object.goStructFields = keys.map(GoStructField.field)
        }
        if let stringer = value as? any GoStringConvertible { object.goString = stringer.goString }
        if let context = value as? any FormatterContext { object.formatterContextType = type(of: context).formatterContextType }
        if let model = value as? any GoTypedFields {
            for key in type(of: model).goNilableFields where object.typedNulls[key] != nil { object.typedNulls[key] = .pointer() }
            object.goPrinted = model.goPrintedFields
            object.goFieldNames = type(of: model).goFieldNames
            object.goStructType = type(of: model).goStructType
            for key in type(of: model).goOmittedWhenNil where object[key] == .null { object.omittedFromJSON.insert(key) }
            if let layout = type(of: model).goStructLayout { object.goStructFields = layout }
            for key in type(of: model).goStructPointerFields {
                guard case .object(var pointee) = object[key] else { continue }
                pointee.isGoPointer = true
                object[key] = .object(pointee)
            }
            for (key, keyType) in type(of: model).goMapKeyTypes {
                if case .object(var map) = object[key] {
                    map.goMapKeyType = keyType
                    object[key] = .object(map)
                } else if case .map(let element, _)? = object.typedNulls[key] {
                    object.typedNulls[key] = .map(element, keyType: keyType)
                }
            }
        }
        return .object(object)
    }

    /// Values that encode as one scalar, including the Foundation types `JSONEncoder` special-cases.
    private static func primitive(_ value: some Encodable) -> TemplateValue? {
        switch value {
        case let value as String: return .string(value)
        case let value as Bool: return .bool(value)
        case let value as Int: return .int(Int64(value))
        case let value as Int8: return .int(Int64(value))
        case let value as Int16: return .int(Int64(value))
        case let value as Int32: return .int(Int64(value))
        case let value as Int64: return .int(value)
        case let value as UInt: return integer(UInt64(value))
        case let value as UInt8: return .int(Int64(value))
        case let value as UInt16: return .int(Int64(value))
        case let value as UInt32: return .int(Int64(value))
        case let value as UInt64: return integer(value)
        case let value as Double: return .double(value)
        case let value as Float: return .double(Double(value))
        case let value as Date: return .string(rfc3339(value))
        case let value as Data: return .string(value.base64EncodedString())
        case let value as URL: return .string(value.absoluteString)
        default: return nil
        }
    }

    private static func integer(_ value: UInt64) -> TemplateValue {
        value <= UInt64(Int64.max) ? .int(Int64(value)) : .double(Double(value))
    }

    /// RFC 3339 with the fraction Go's `time.RFC3339Nano` prints: trailing zeros dropped.
    private static func rfc3339(_ date: Date) -> String {
        let whole = date.timeIntervalSince1970.rounded(.down)
        let nanoseconds = Int(((date.timeIntervalSince1970 - whole) * 1e9).rounded())
        var text = Date(timeIntervalSince1970: whole).formatted(.iso8601)
        if nanoseconds > 0 && nanoseconds < 1_000_000_000 {
            var fraction = String(nanoseconds)
            fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
            while fraction.hasByteSuffix("0") { fraction.removeLast() }
            text.insert(contentsOf: "." + fraction, at: text.index(text.endIndex, offsetBy: -1))
        }
        return text
    }
}

/// Marks dictionaries whose keys encode as strings, so that their keys get sorted and, when
/// their values are strings or models, they act as Go's typed maps (``TemplateObject/typedMapElement``).
protocol StringKeyedDictionary {
    /// For `encoded`, this dictionary's encoding, or `nil` for a nil dictionary.
    static func typedMapElement(of encoded: TemplateObject?) -> TemplateObject.TypedMapElement?
}

extension Dictionary: StringKeyedDictionary where Key == String {
    /// Strings are Go's `map[string]string`; models (anything but a collection, an optional, a
    /// number or a boolean) are pointers to structs, an empty map of them included. Arrays and
    /// empty objects (`{}` values) stay JSON-like: docker's maps of them have named key types
    /// (`nat.PortMap`, `nat.PortSet`), which a field name does not index.
    static func typedMapElement(of encoded: TemplateObject?) -> TemplateObject.TypedMapElement? {
        if Value.self == String.self { return .string }
        let scalarOrCollection =
            Value.self is any Collection.Type || Value.self is any ExpressibleByNilLiteral.Type || Value.self is any Numeric.Type
            || Value.self == Bool.self
        let emptyObjects = (encoded?.fields ?? []).contains {
            if case .object(let fields) = $0.value { return fields.isEmpty }
            return false
        }
        return scalarOrCollection || emptyObjects ? nil : .pointer
    }
}

/// An `Optional`, for the type it wraps.
private protocol OptionalValue {
    static var wrappedType: Any.Type { get }
}

extension Optional: OptionalValue {
    static var wrappedType: Any.Type { Wrapped.self }
}

/// What one `encode(to:)` call has produced so far.
final class EncodedNode {
    enum Content {
        case empty
        case scalar(TemplateValue)
        case keyed([String], [String: EncodedNode])
        case unkeyed([EncodedNode])
    }

    var content: Content = .empty
    /// The Go types of the keyed fields encoded as null by `encodeIfPresent`.
    var typedNulls: [String: TypedNull] = [:]

    var value: TemplateValue {
        switch content {
        case .empty: return .object(TemplateObject())
        case .scalar(let value): return value
        case .keyed(let keys, let nodes):
            var object = TemplateObject(keys.map { ($0, nodes[$0]!.value) })
            object.typedNulls = typedNulls
            return .object(object)
        case .unkeyed(let nodes): return .array(nodes.map(\.value))
        }
    }

    func child(forKey key: String) -> EncodedNode {
        var (keys, nodes): ([String], [String: EncodedNode]) = ([], [:])
        if case .keyed(let existingKeys, let existingNodes) = content { (keys, nodes) = (existingKeys, existingNodes) }
        if let existing = nodes[key] { return existing }
        let node = EncodedNode()
        keys.append(key)
        nodes[key] = node
        content = .keyed(keys, nodes)
        return node
    }

    func appendedChild() -> EncodedNode {
        var nodes: [EncodedNode] = []
        if case .unkeyed(let existing) = content { nodes = existing }
        let node = EncodedNode()
        nodes.append(node)
        content = .unkeyed(nodes)
        return node
    }

    var count: Int {
        if case .unkeyed(let nodes) = content { return nodes.count }
        return 0
    }
}

struct NodeEncoder: Encoder {
    let node: EncodedNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed = node.content {} else { node.content = .keyed([], [:]) }
        return KeyedEncodingContainer(KeyedNodeContainer(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unkeyed = node.content {} else { node.content = .unkeyed([]) }
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleNodeContainer(node: node, codingPath: codingPath) }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodedNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.child(forKey: key.stringValue).content = .scalar(.null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let encoded = try TemplateValueEncoding.encode(value, codingPath: codingPath + [key])
        node.child(forKey: key.stringValue).content = .scalar(encoded)
        // A dictionary's nil value (a `nat.PortMap`'s unpublished port) is its Go type's nil.
        if encoded == .null, let optional = T.self as? any OptionalValue.Type {
            node.typedNulls[key.stringValue] = TypedNull(goTypeOf: optional.wrappedType)
        }
    }

    // A Go struct always has all its fields: a nil one is there as null (`{{.Warnings}}` is
    // empty, `{{len .Warnings}}` is 0), never missing. Swift's `encodeIfPresent` would leave the
    // key out, so that templates over optional fields would fail with "no entry for key".
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try self.encodeOrNull(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try self.encodeOrNull(value, forKey: key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try self.encodeOrNull(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try self.encodeOrNull(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try self.encodeOrNull(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try self.encodeOrNull(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try self.encodeOrNull(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try self.encodeOrNull(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try self.encodeOrNull(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try self.encodeOrNull(value, forKey: key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try self.encodeOrNull(value, forKey: key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try self.encodeOrNull(value, forKey: key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try self.encodeOrNull(value, forKey: key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try self.encodeOrNull(value, forKey: key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try self.encodeOrNull(value, forKey: key) }

    private mutating func encodeOrNull<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { return try self.encode(value, forKey: key) }
        try self.encodeNil(forKey: key)
        node.typedNulls[key.stringValue] = TypedNull(goTypeOf: T.self)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoder(node: node.child(forKey: "super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: EncodedNode
    let codingPath: [any CodingKey]
    var count: Int { node.count }

    private var nextKey: any CodingKey { IndexKey(intValue: count) }

    mutating func encodeNil() throws { node.appendedChild().content = .scalar(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let encoded = try TemplateValueEncoding.encode(value, codingPath: codingPath + [nextKey])
        node.appendedChild().content = .scalar(encoded)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = codingPath + [nextKey]
        return NodeEncoder(node: node.appendedChild(), codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = codingPath + [nextKey]
        return NodeEncoder(node: node.appendedChild(), codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let path = codingPath + [nextKey]
        return NodeEncoder(node: node.appendedChild(), codingPath: path)
    }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: EncodedNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .scalar(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.content = .scalar(try TemplateValueEncoding.encode(value, codingPath: codingPath))
    }
}

private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { String(intValue ?? 0) }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
