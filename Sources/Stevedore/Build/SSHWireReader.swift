/// Reads the ssh wire format (RFC 4251 §5): big-endian `uint32`s, and strings and mpints
/// prefixed with their `uint32` length.
struct SSHWireReader {
    struct Failure: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    private let storage: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.storage = bytes
    }

    var isAtEnd: Bool { self.offset >= self.storage.count }

    mutating func bytes(count: Int) throws -> [UInt8] {
        guard count >= 0, self.storage.count - self.offset >= count else { throw Failure("is cut short") }
        defer { self.offset += count }
        return Array(self.storage[self.offset..<self.offset + count])
    }

    mutating func byte() throws -> UInt8 {
        try self.bytes(count: 1)[0]
    }

    mutating func uint32() throws -> UInt32 {
        try self.bytes(count: 4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func lengthPrefixed() throws -> [UInt8] {
        let length = try self.uint32()
        guard length <= UInt32(Int32.max) else { throw Failure("is cut short") }
        return try self.bytes(count: Int(length))
    }

    mutating func string() throws -> String {
        String(decoding: try self.lengthPrefixed(), as: UTF8.self)
    }

    /// An mpint's magnitude, without the leading zero bytes.
    mutating func mpint() throws -> [UInt8] {
        Array(try self.lengthPrefixed().drop { $0 == 0 })
    }
}
