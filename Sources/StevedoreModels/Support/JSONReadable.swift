/// A type that ``JSONReader`` decodes straight from JSON text: every generated model (its
/// `init(reading:)` is generated with it), the models' support types, and the standard types
/// they are made of.
///
/// The contract: a value read this way equals the one `JSONDecoder` decodes from the same bytes;
/// where the reader cannot be sure, it throws and the caller falls back to `JSONDecoder`
/// (see ``JSONReader``).
package protocol JSONReadable {
    init(reading reader: inout JSONReader) throws
}

extension JSONReadable where Self: OpenEnum, RawValue: JSONReadable {
    package init(reading reader: inout JSONReader) throws {
        self.init(rawValue: try RawValue(reading: &reader))
    }
}

extension String: JSONReadable {
    package init(reading reader: inout JSONReader) throws {
        self = try reader.readString()
    }
}

extension Bool: JSONReadable {
    package init(reading reader: inout JSONReader) throws {
        self = try reader.readBool()
    }
}

extension Double: JSONReadable {
    package init(reading reader: inout JSONReader) throws {
        self = try reader.readDouble()
    }
}

extension JSONReadable where Self: FixedWidthInteger {
    package init(reading reader: inout JSONReader) throws {
        self = try reader.readInteger(Self.self)
    }
}

extension Int: JSONReadable {}

extension Int64: JSONReadable {}

extension UInt16: JSONReadable {}

extension UInt32: JSONReadable {}

extension UInt64: JSONReadable {}

extension Optional: JSONReadable where Wrapped: JSONReadable {
    /// `null` is nil: a map's values that the spec marks nullable (`PortMap`).
    package init(reading reader: inout JSONReader) throws {
        self = try reader.readIfPresent(Wrapped.self)
    }
}

extension Array: JSONReadable where Element: JSONReadable {
    package init(reading reader: inout JSONReader) throws {
        var elements: [Element] = []
        try reader.readArray { elements.append(try Element(reading: &$0)) }
        self = elements
    }
}

extension Dictionary: JSONReadable where Key == String, Value: JSONReadable {
    package init(reading reader: inout JSONReader) throws {
        var members: [String: Value] = [:]
        try reader.readObject { reader, key in
            let value = try Value(reading: &reader)
            // The first of a repeated key wins, as with JSONDecoder.
            let name = key.string
            if members.index(forKey: name) == nil { members.updateValue(value, forKey: name) }
        }
        self = members
    }
}
