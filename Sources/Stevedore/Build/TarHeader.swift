import NIOCore

/// One tar entry's header, encoded as POSIX ustar, preceded by a PAX extended header when a
/// field does not fit (a path or link target over 100 bytes, a size of 8 GiB or more).
struct TarHeader: Sendable {
    enum Kind: UInt8, Sendable {
        case regular = 0x30  // "0"
        case hardLink = 0x31  // "1"
        case symbolicLink = 0x32  // "2"
        case characterDevice = 0x33  // "3"
        case blockDevice = 0x34  // "4"
        case directory = 0x35  // "5"
        case fifo = 0x36  // "6"
    }

    var name: String
    var kind: Kind
    var mode: UInt32
    var size: Int64 = 0
    var modificationTime: Int64
    var linkName = ""
    var deviceMajor: UInt32 = 0
    var deviceMinor: UInt32 = 0

    static let blockSize = 512
    private static let ustarMaximumSize: Int64 = 0o77777777777

    /// The header block(s) for this entry, appended to `buffer`.
    func write(to buffer: inout ByteBuffer) {
        var records: [(String, String)] = []
        if self.name.utf8.count > 100 { records.append(("path", self.name)) }
        if self.linkName.utf8.count > 100 { records.append(("linkpath", self.linkName)) }
        if self.size > Self.ustarMaximumSize { records.append(("size", String(self.size))) }
        if !records.isEmpty {
            var body = ByteBuffer()
            for (key, value) in records { body.writeString(Self.paxRecord(key, value)) }
            let length = Int64(body.readableBytes)
            Self.writeBlock(
                name: "././@PaxHeader", kind: 0x78, mode: 0o644, size: length, time: self.modificationTime, link: "", major: 0, minor: 0,
                to: &buffer)
            buffer.writeBuffer(&body)
            Self.pad(&buffer, written: length)
        }
        Self.writeBlock(
            name: self.name, kind: self.kind.rawValue, mode: self.mode, size: self.size > Self.ustarMaximumSize ? 0 : self.size,
            time: self.modificationTime, link: self.linkName, major: self.deviceMajor, minor: self.deviceMinor, to: &buffer)
    }

    /// Zeros after `written` bytes of data, up to the next block boundary.
    static func pad(_ buffer: inout ByteBuffer, written: Int64) {
        let remainder = Int(written % Int64(Self.blockSize))
        if remainder != 0 { buffer.writeRepeatingByte(0, count: Self.blockSize - remainder) }
    }

    /// `"<length> key=value\n"`, the length counting itself.
    static func paxRecord(_ key: String, _ value: String) -> String {
        let body = " \(key)=\(value)\n"
        var length = body.utf8.count + 1
        while String(length).count + body.utf8.count != length { length = String(length).count + body.utf8.count }
        return "\(length)\(body)"
    }

    private static func writeBlock(
        name: String, kind: UInt8, mode: UInt32, size: Int64, time: Int64, link: String, major: UInt32, minor: UInt32,
        to buffer: inout ByteBuffer
    ) {
        var block = [UInt8](repeating: 0, count: Self.blockSize)
        func put(_ bytes: some Collection<UInt8>, at offset: Int, width: Int) {
            for (index, byte) in bytes.prefix(width).enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int64, at offset: Int, width: Int) {
            let digits = String(max(value, 0), radix: 8)
            let padded = String(repeating: "0", count: max(width - 1 - digits.count, 0)) + digits
            put(padded.utf8, at: offset, width: width - 1)
        }
        put(name.utf8, at: 0, width: 100)
        octal(Int64(mode), at: 100, width: 8)
        octal(0, at: 108, width: 8)
        octal(0, at: 116, width: 8)
        octal(size, at: 124, width: 12)
        octal(max(time, 0), at: 136, width: 12)
        put(Array(repeating: UInt8(ascii: " "), count: 8), at: 148, width: 8)
        block[156] = kind
        put(link.utf8, at: 157, width: 100)
        put("ustar\0".utf8, at: 257, width: 6)
        put("00".utf8, at: 263, width: 2)
        octal(Int64(major), at: 329, width: 8)
        octal(Int64(minor), at: 337, width: 8)
        let checksum = block.reduce(0) { $0 + Int64($1) }
        octal(checksum, at: 148, width: 7)
        block[155] = UInt8(ascii: " ")
        buffer.writeBytes(block)
    }
}
