#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads JSON text for the models' generated `init(reading:)`: a cursor over bytes, without a
/// `Decoder` and its containers.
///
/// `JSONDecoder` is the reference: it decodes every model through `Codable`, and a reader that
/// finishes must give the value `JSONDecoder` would give. So this reader is strict where it could
/// differ: anything it is unsure of (a number that is not a plain integer where an integer is
/// wanted, a key repeated in an object, a lone surrogate, nesting deeper than
/// ``maximumDepth``...) throws ``Failure``, and the caller decodes the same bytes with
/// `JSONDecoder` instead, which then answers or names the error. A `Failure` is never shown
/// to a user.
///
/// The reader points into memory it does not own: it lives only inside the closure that lends
/// the bytes (``decode(_:from:)``).
package struct JSONReader {
    /// Why the reader gave up, for debugging: where, and what it found.
    package struct Failure: Error, CustomStringConvertible {
        package var offset: Int
        package var reason: String
        package var description: String { "JSON reader gave up at byte \(self.offset): \(self.reason)" }
    }

    /// The deepest nesting of arrays and objects the reader follows (`JSONDecoder` allows
    /// more; deeper documents go to it).
    package static let maximumDepth = 128

    private let bytes: UnsafeRawBufferPointer
    private var offset = 0
    private var depth = 0

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Decodes the one JSON value that `bytes` hold, with nothing but whitespace around it.
    package static func decode<Value: JSONReadable>(_ type: Value.Type, from bytes: UnsafeRawBufferPointer) throws -> Value {
        var reader = JSONReader(bytes: bytes)
        let value = try Value(reading: &reader)
        reader.skipWhitespace()
        guard reader.offset == bytes.count else { throw reader.failure("content after the value") }
        return value
    }

    /// Decodes the one JSON value that `data` holds, as the buffer's `decode` above does.
    package static func decode<Value: JSONReadable>(_ type: Value.Type, from data: Data) throws -> Value {
        try data.withUnsafeBytes { try Self.decode(type, from: $0) }
    }

    // MARK: Values, for the generated readers

    /// A value of `type`; `null` is not one.
    @inline(__always)
    package mutating func read<Value: JSONReadable>(_ type: Value.Type) throws -> Value {
        try Value(reading: &self)
    }

    /// A value of `type`, or nil for `null`.
    @inline(__always)
    package mutating func readIfPresent<Value: JSONReadable>(_ type: Value.Type) throws -> Value? {
        if try self.readNull() { return nil }
        return try Value(reading: &self)
    }

    /// A required member's value, once the object is read: a missing member is an error.
    package func required<Value>(_ value: Value?, _ key: StaticString) throws -> Value {
        guard let value else { throw self.failure("no member \(key)") }
        return value
    }

    /// Calls `member` with each key of an object, in order; `member` reads the key's value.
    @inline(__always)
    package mutating func readObject(_ member: (inout JSONReader, Key) throws -> Void) throws {
        guard try self.enter(UInt8(ascii: "{"), closing: UInt8(ascii: "}")) else { return }
        var escapedKey: [UInt8] = []
        while true {
            guard self.peek() == UInt8(ascii: "\"") else { throw self.failure("expected a key") }
            let key = try self.readKey(unescapingInto: &escapedKey)
            guard self.peek() == UInt8(ascii: ":") else { throw self.failure("expected ':'") }
            self.offset += 1
            if let key {
                try member(&self, key)
            } else {
                try escapedKey.withUnsafeBytes { try member(&self, Key(bytes: $0)) }
            }
            if try self.endOfContainer(UInt8(ascii: "}")) { return }
        }
    }

    /// Calls `element` for each element of an array, in order; `element` reads it.
    @inline(__always)
    package mutating func readArray(_ element: (inout JSONReader) throws -> Void) throws {
        guard try self.enter(UInt8(ascii: "["), closing: UInt8(ascii: "]")) else { return }
        while true {
            try element(&self)
            if try self.endOfContainer(UInt8(ascii: "]")) { return }
        }
    }

    /// Reads past the value of a member that matches none of a model's keys. A key with any
    /// byte beyond ASCII is refused: `JSONDecoder` compares keys as `String`s, so a key that is
    /// canonically equivalent to a member's name (`\u212Aind`, with KELVIN SIGN, is `Kind`) is
    /// that member to it.
    package mutating func skipMember(_ key: Key) throws {
        guard !key.bytes.contains(where: { $0 >= 0x80 }) else { throw self.failure("a key beyond ASCII") }
        try self.skipValue()
    }

    /// Reads past a value of any type, checking it as strictly as the values it reads.
    package mutating func skipValue() throws {
        switch self.peek() {
        case UInt8(ascii: "{"): try self.readObject { reader, _ in try reader.skipValue() }
        case UInt8(ascii: "["): try self.readArray { try $0.skipValue() }
        case UInt8(ascii: "\""): try self.skipString()
        case UInt8(ascii: "t"): try self.readLiteral("true")
        case UInt8(ascii: "f"): try self.readLiteral("false")
        case UInt8(ascii: "n"): try self.readLiteral("null")
        default: _ = try self.readNumber()
        }
    }

    /// A value of any type.
    package mutating func readAnyValue() throws -> JSONValue {
        switch self.peek() {
        case UInt8(ascii: "{"):
            return .object(try [String: JSONValue](reading: &self))
        case UInt8(ascii: "["):
            return .array(try [JSONValue](reading: &self))
        case UInt8(ascii: "\""): return .string(try self.readString())
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool(try self.readBool())
        case UInt8(ascii: "n"):
            try self.readLiteral("null")
            return .null
        default: return .int(try self.readInteger(Int64.self))
        }
    }

    /// Whether the next value is `null`, read past it if so.
    package mutating func readNull() throws -> Bool {
        guard self.peek() == UInt8(ascii: "n") else { return false }
        try self.readLiteral("null")
        return true
    }

    package mutating func readBool() throws -> Bool {
        switch self.peek() {
        case UInt8(ascii: "t"):
            try self.readLiteral("true")
            return true
        case UInt8(ascii: "f"):
            try self.readLiteral("false")
            return false
        default: throw self.failure("expected a boolean")
        }
    }

    package mutating func readString() throws -> String {
        guard self.peek() == UInt8(ascii: "\"") else { throw self.failure("expected a string") }
        var unescaped: [UInt8] = []
        if let text = try self.scanString(unescapingInto: &unescaped) {
            return String(decoding: text, as: UTF8.self)
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// A number that is a plain integer (no fraction, no exponent) within `Integer`'s range.
    package mutating func readInteger<Integer: FixedWidthInteger>(_ type: Integer.Type) throws -> Integer {
        let number = try self.readNumber()
        guard !number.hasFraction, !number.hasExponent else { throw self.failure("not a plain integer") }
        let text = UnsafeRawBufferPointer(rebasing: self.bytes[number.range])
        let negative = text[0] == UInt8(ascii: "-")
        guard !negative || Integer.isSigned else { throw self.failure("a negative number for an unsigned integer") }
        var value: Integer = 0
        // A negative number is built downwards, so that `Integer.min` fits.
        for digit in text.dropFirst(negative ? 1 : 0) {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let digitValue = Integer(digit &- UInt8(ascii: "0"))
            let (next, overflow2) =
                negative ? times10.subtractingReportingOverflow(digitValue) : times10.addingReportingOverflow(digitValue)
            guard !overflow1, !overflow2 else { throw self.failure("out of range") }
            value = next
        }
        return value
    }

    /// A number without an exponent. `JSONDecoder` refuses some numbers with one that `Double`
    /// parses (`0e3`), so those are left to it, as are the numbers it refuses as not
    /// representable: infinite, or rounded to zero though not zero (`0.000…1`).
    package mutating func readDouble() throws -> Double {
        let number = try self.readNumber()
        guard !number.hasExponent else { throw self.failure("an exponent") }
        let digits = UnsafeRawBufferPointer(rebasing: self.bytes[number.range])
        guard let value = Double(String(decoding: digits, as: UTF8.self)), value.isFinite,
            value != 0 || !digits.contains(where: { (UInt8(ascii: "1")...UInt8(ascii: "9")).contains($0) })
        else { throw self.failure("not representable as a Double") }
        return value
    }

    // MARK: Keys

    /// An object's key as it is on the wire (unescaped), compared with the members' names.
    package struct Key {
        let bytes: UnsafeRawBufferPointer

        /// The key as a `String` (a map's key); the reader checked it as UTF-8.
        package var string: String { String(decoding: self.bytes, as: UTF8.self) }

        /// Whether the key is `name`, byte for byte.
        @inline(__always)
        package func matches(_ name: StaticString) -> Bool {
            // `withUTF8Buffer`, not `utf8Start`: a one-character literal has no pointer.
            self.bytes.count == name.utf8CodeUnitCount && name.withUTF8Buffer { self.bytes.elementsEqual($0) }
        }
    }

    /// Which members of an object were read, to refuse a repeated one (`JSONDecoder` keeps the
    /// first, a reader assigning in order would keep the last). Up to 128 members.
    package struct SeenMembers {
        private var low: UInt64 = 0
        private var high: UInt64 = 0

        package init() {}

        @inline(__always)
        package mutating func insert(_ index: Int, _ reader: JSONReader) throws {
            let bit: UInt64 = 1 << UInt64(index & 63)
            if index < 64 {
                guard self.low & bit == 0 else { throw reader.failure("a repeated member") }
                self.low |= bit
            } else {
                guard self.high & bit == 0 else { throw reader.failure("a repeated member") }
                self.high |= bit
            }
        }
    }

    // MARK: Scanning

    private func failure(_ reason: String) -> Failure {
        Failure(offset: self.offset, reason: reason)
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while self.offset < self.bytes.count {
            switch self.bytes[self.offset] {
            case 0x20, 0x0A, 0x0D, 0x09: self.offset += 1
            default: return
            }
        }
    }

    /// The next byte after whitespace, or 0 at the end.
    @inline(__always)
    private mutating func peek() -> UInt8 {
        self.skipWhitespace()
        return self.offset < self.bytes.count ? self.bytes[self.offset] : 0
    }

    /// Reads a container's opening: false when the container is empty and read whole.
    private mutating func enter(_ opening: UInt8, closing: UInt8) throws -> Bool {
        guard self.peek() == opening else { throw self.failure("expected '\(Unicode.Scalar(opening))'") }
        guard self.depth < Self.maximumDepth else { throw self.failure("nested too deep") }
        self.offset += 1
        self.depth += 1
        guard self.peek() == closing else { return true }
        self.offset += 1
        self.depth -= 1
        return false
    }

    /// After a member or an element: true at the container's end, false after a comma.
    @inline(__always)
    private mutating func endOfContainer(_ closing: UInt8) throws -> Bool {
        let byte = self.peek()
        self.offset += 1
        if byte == closing {
            self.depth -= 1
            return true
        }
        guard byte == UInt8(ascii: ",") else { throw self.failure("expected ',' or '\(Unicode.Scalar(closing))'") }
        return false
    }

    private mutating func readLiteral(_ literal: StaticString) throws {
        let count = literal.utf8CodeUnitCount
        guard self.offset + count <= self.bytes.count,
            literal.withUTF8Buffer({ self.bytes[self.offset..<self.offset + count].elementsEqual($0) })
        else { throw self.failure("expected \(literal)") }
        self.offset += count
    }

    /// A key, positioned on its opening quote: its bytes in place, or nil when it has escapes
    /// and `buffer` holds it unescaped.
    @inline(__always)
    private mutating func readKey(unescapingInto buffer: inout [UInt8]) throws -> Key? {
        try self.scanString(unescapingInto: &buffer).map { Key(bytes: $0) }
    }

    private mutating func skipString() throws {
        var unescaped: [UInt8] = []
        _ = try self.scanString(unescapingInto: &unescaped)
    }

    /// A string or a key, positioned on its opening quote, read through its closing quote and
    /// checked as UTF-8 (`JSONDecoder` checks every one, read or not): its bytes in place, or nil
    /// when it has escapes and `buffer` holds it unescaped.
    @inline(__always)
    private mutating func scanString(unescapingInto buffer: inout [UInt8]) throws -> UnsafeRawBufferPointer? {
        self.offset += 1
        let start = self.offset
        var ascii = true
        while self.offset < self.bytes.count {
            let byte = self.bytes[self.offset]
            if byte == UInt8(ascii: "\"") {
                let text = UnsafeRawBufferPointer(rebasing: self.bytes[start..<self.offset])
                self.offset += 1
                guard ascii || String(validating: text, as: UTF8.self) != nil else { throw self.failure("invalid UTF-8") }
                return text
            }
            if byte == UInt8(ascii: "\\") {
                buffer.removeAll(keepingCapacity: true)
                buffer.append(contentsOf: self.bytes[start..<self.offset])
                try self.readEscapedRest(into: &buffer)
                guard String(validating: buffer, as: UTF8.self) != nil else { throw self.failure("invalid UTF-8") }
                return nil
            }
            guard byte >= 0x20 else { throw self.failure("a control character in a string") }
            ascii = ascii && byte < 0x80
            self.offset += 1
        }
        throw self.failure("unterminated string")
    }

    /// The rest of a string from its first backslash, unescaped, through the closing quote.
    private mutating func readEscapedRest(into output: inout [UInt8]) throws {
        while self.offset < self.bytes.count {
            let byte = self.bytes[self.offset]
            self.offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                return
            case UInt8(ascii: "\\"):
                guard self.offset < self.bytes.count else { break }
                let escape = self.bytes[self.offset]
                self.offset += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try self.readHexQuad()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard self.offset + 2 <= self.bytes.count, self.bytes[self.offset] == UInt8(ascii: "\\"),
                            self.bytes[self.offset + 1] == UInt8(ascii: "u")
                        else { throw self.failure("a lone surrogate") }
                        self.offset += 2
                        let low = try self.readHexQuad()
                        guard (0xDC00..<0xE000).contains(low) else { throw self.failure("a lone surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw self.failure("a lone surrogate") }
                    output.append(contentsOf: UTF8.encode(unicode)!)
                default:
                    throw self.failure("an invalid escape")
                }
            default:
                guard byte >= 0x20 else { throw self.failure("a control character in a string") }
                output.append(byte)
            }
        }
        throw self.failure("unterminated string")
    }

    private mutating func readHexQuad() throws -> UInt32 {
        guard self.offset + 4 <= self.bytes.count else { throw self.failure("a short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = self.bytes[self.offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw self.failure("a \\u escape that is not hexadecimal")
            }
            value = value << 4 | UInt32(digit)
            self.offset += 1
        }
        return value
    }

    /// A number as JSON's grammar has it: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func readNumber() throws -> (range: Range<Int>, hasFraction: Bool, hasExponent: Bool) {
        self.skipWhitespace()
        let start = self.offset
        var hasFraction = false
        var hasExponent = false
        if self.offset < self.bytes.count, self.bytes[self.offset] == UInt8(ascii: "-") { self.offset += 1 }
        guard self.offset < self.bytes.count else { throw self.failure("expected a value") }
        if self.bytes[self.offset] == UInt8(ascii: "0") {
            self.offset += 1
        } else {
            guard try self.readDigits() > 0 else { throw self.failure("expected a value") }
        }
        if self.offset < self.bytes.count, self.bytes[self.offset] == UInt8(ascii: ".") {
            hasFraction = true
            self.offset += 1
            guard try self.readDigits() > 0 else { throw self.failure("a fraction without digits") }
        }
        if self.offset < self.bytes.count, self.bytes[self.offset] | 0x20 == UInt8(ascii: "e") {
            hasExponent = true
            self.offset += 1
            if self.offset < self.bytes.count, self.bytes[self.offset] == UInt8(ascii: "+") || self.bytes[self.offset] == UInt8(ascii: "-")
            {
                self.offset += 1
            }
            guard try self.readDigits() > 0 else { throw self.failure("an exponent without digits") }
        }
        return (start..<self.offset, hasFraction, hasExponent)
    }

    private mutating func readDigits() throws -> Int {
        let start = self.offset
        while self.offset < self.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self.bytes[self.offset]) {
            self.offset += 1
        }
        return self.offset - start
    }
}
