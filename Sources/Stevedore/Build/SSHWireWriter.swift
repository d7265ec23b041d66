/// Writes the ssh wire format (see ``SSHWireReader``).
struct SSHWireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) {
        self.bytes.append(value)
    }

    mutating func uint32(_ value: UInt32) {
        self.bytes += [
            UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value),
        ]
    }

    mutating func lengthPrefixed(_ value: [UInt8]) {
        self.uint32(UInt32(value.count))
        self.bytes += value
    }

    mutating func string(_ value: String) {
        self.lengthPrefixed(Array(value.utf8))
    }

    /// A non-negative integer given as big-endian bytes, as an mpint: no leading zeros but one
    /// before a high bit, which would make it negative.
    mutating func mpint(_ magnitude: [UInt8]) {
        let trimmed = Array(magnitude.drop { $0 == 0 })
        self.lengthPrefixed((trimmed.first.map { $0 & 0x80 != 0 } ?? false) ? [0] + trimmed : trimmed)
    }
}
