/// Writes JSON text for the models' generated `write(to:)`: bytes appended to an array, without
/// an `Encoder` and its containers.
///
/// `JSONEncoder` is the reference: the text written here decodes to the same value as the text
/// `JSONEncoder` writes for the same model (members in declaration order where `JSONEncoder`
/// orders them by hash, otherwise the same: `nil` members left out, strings escaped as it escapes
/// them, `/` included, numbers spelled as it spells them). A value JSON cannot carry (a NaN or
/// infinite `Double`) throws ``Failure``; the caller then encodes the value with `JSONEncoder`,
/// whose error names the member. A `Failure` is never shown to a user.
package struct JSONWriter {
    /// Why the writer gave up: a value JSON cannot carry.
    package struct Failure: Error, CustomStringConvertible {
        package var reason: String
        package var description: String { "JSON writer gave up: \(self.reason)" }
    }

    /// The text written so far.
    package private(set) var bytes: [UInt8] = []

    /// Whether the container being written has no member or element yet: the next one needs
    /// no comma before it.
    private var atContainerStart = false

    private init() {
        self.bytes.reserveCapacity(512)
    }

    /// The JSON text of `value`.
    package static func encode<Value: JSONWritable>(_ value: Value) throws -> [UInt8] {
        var writer = JSONWriter()
        try value.write(to: &writer)
        return writer.bytes
    }

    // MARK: Containers, for the generated writers

    /// Writes an object whose members `members` writes (with ``writeMember(_:_:)``).
    @inline(__always)
    package mutating func writeObject(_ members: (inout JSONWriter) throws -> Void) rethrows {
        try self.writeContainer(UInt8(ascii: "{"), UInt8(ascii: "}"), members)
    }

    /// Writes the member `key` with `value`. `key` is the member's name as JSON text, quotes
    /// and colon included (`"Image":`): the generator writes the names, which need no escaping.
    @inline(__always)
    package mutating func writeMember<Value: JSONWritable>(_ key: StaticString, _ value: Value) throws {
        self.separate()
        self.append(key)
        try value.write(to: &self)
    }

    /// Writes the member `key` if `value` is not nil, as `encodeIfPresent` does.
    @inline(__always)
    package mutating func writeMemberIfPresent<Value: JSONWritable>(_ key: StaticString, _ value: Value?) throws {
        guard let value else { return }
        try self.writeMember(key, value)
    }

    /// Writes an object member whose name is a run-time string (a map's key).
    package mutating func writeMember<Value: JSONWritable>(named key: String, _ value: Value) throws {
        self.separate()
        self.writeString(key)
        self.bytes.append(UInt8(ascii: ":"))
        try value.write(to: &self)
    }

    /// Writes an array of `elements`.
    package mutating func writeArray<Elements: Sequence>(_ elements: Elements) throws where Elements.Element: JSONWritable {
        try self.writeContainer(UInt8(ascii: "["), UInt8(ascii: "]")) { writer in
            for element in elements {
                writer.separate()
                try element.write(to: &writer)
            }
        }
    }

    /// Writes `opening`, what `contents` writes, and `closing`; a value written inside starts
    /// without a comma, and one written after it needs one.
    @inline(__always)
    private mutating func writeContainer(_ opening: UInt8, _ closing: UInt8, _ contents: (inout JSONWriter) throws -> Void) rethrows {
        self.bytes.append(opening)
        self.atContainerStart = true
        try contents(&self)
        self.bytes.append(closing)
        self.atContainerStart = false
    }

    private mutating func separate() {
        if self.atContainerStart {
            self.atContainerStart = false
        } else {
            self.bytes.append(UInt8(ascii: ","))
        }
    }

    // MARK: Scalars

    package mutating func writeNull() {
        self.append("null")
    }

    package mutating func writeBool(_ value: Bool) {
        self.append(value ? "true" : "false")
    }

    package mutating func writeInteger<Integer: FixedWidthInteger>(_ value: Integer) {
        self.bytes.append(contentsOf: value.description.utf8)
    }

    /// A finite number as `JSONEncoder` spells it: Swift's shortest round-trip digits without a
    /// trailing `.0` (`1`, `0.1`, `1e+20`, `1e-07`).
    package mutating func writeDouble(_ value: Double) throws {
        guard value.isFinite else { throw Failure(reason: "\(value) is not a finite number") }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        self.bytes.append(contentsOf: text.utf8)
    }

    /// A string, escaped as `JSONEncoder` escapes it: `"`, `\`, `/` and the control characters
    /// below U+0020 (`\b`, `\t`, `\n`, `\f`, `\r`, the others as `\u00xx`); everything else as
    /// its UTF-8.
    package mutating func writeString(_ value: String) {
        self.bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { text in
            var plainStart = 0
            for (index, byte) in text.enumerated() where Self.isEscaped(byte) {
                self.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[plainStart..<index]))
                plainStart = index + 1
                self.writeEscape(of: byte)
            }
            self.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[plainStart...]))
        }
        self.bytes.append(UInt8(ascii: "\""))
    }

    private static func isEscaped(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/")
    }

    private mutating func writeEscape(of byte: UInt8) {
        self.bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): self.bytes.append(byte)
        case 0x08: self.bytes.append(UInt8(ascii: "b"))
        case 0x09: self.bytes.append(UInt8(ascii: "t"))
        case 0x0A: self.bytes.append(UInt8(ascii: "n"))
        case 0x0C: self.bytes.append(UInt8(ascii: "f"))
        case 0x0D: self.bytes.append(UInt8(ascii: "r"))
        default:
            let hex: StaticString = "0123456789abcdef"
            self.append("u00")
            hex.withUTF8Buffer { digits in
                self.bytes.append(digits[Int(byte >> 4)])
                self.bytes.append(digits[Int(byte & 0xF)])
            }
        }
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { self.bytes.append(contentsOf: $0) }
    }
}
