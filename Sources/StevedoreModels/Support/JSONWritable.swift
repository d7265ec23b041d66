/// A type that ``JSONWriter`` writes straight to JSON text: every generated model (its
/// `write(to:)` is generated with it), the models' support types, and the standard types they
/// are made of.
///
/// The contract: the text written decodes to the value that the text `JSONEncoder` writes for
/// it decodes to; where `JSONEncoder` would throw, the writer throws too (see ``JSONWriter``).
package protocol JSONWritable {
    func write(to writer: inout JSONWriter) throws
}

extension JSONWritable where Self: OpenEnum, RawValue: JSONWritable {
    package func write(to writer: inout JSONWriter) throws {
        try self.rawValue.write(to: &writer)
    }
}

extension String: JSONWritable {
    package func write(to writer: inout JSONWriter) {
        writer.writeString(self)
    }
}

extension Bool: JSONWritable {
    package func write(to writer: inout JSONWriter) {
        writer.writeBool(self)
    }
}

extension Double: JSONWritable {
    package func write(to writer: inout JSONWriter) throws {
        try writer.writeDouble(self)
    }
}

extension JSONWritable where Self: FixedWidthInteger {
    package func write(to writer: inout JSONWriter) {
        writer.writeInteger(self)
    }
}

extension Int: JSONWritable {}

extension Int64: JSONWritable {}

extension UInt16: JSONWritable {}

extension UInt32: JSONWritable {}

extension UInt64: JSONWritable {}

extension Optional: JSONWritable where Wrapped: JSONWritable {
    /// nil is `null`: a map's values that the spec marks nullable (`PortMap`). A model's
    /// optional member is left out instead (``JSONWriter/writeMemberIfPresent(_:_:)``).
    package func write(to writer: inout JSONWriter) throws {
        guard let self else { return writer.writeNull() }
        try self.write(to: &writer)
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    package func write(to writer: inout JSONWriter) throws {
        try writer.writeArray(self)
    }
}

extension Dictionary: JSONWritable where Key == String, Value: JSONWritable {
    package func write(to writer: inout JSONWriter) throws {
        try writer.writeObject { writer in
            for (key, value) in self { try writer.writeMember(named: key, value) }
        }
    }
}
