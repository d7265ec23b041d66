import NIOCore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One entry's header in a tar archive (POSIX ustar, with PAX and GNU long-name extensions
/// when reading; PAX when a name or size does not fit ustar when writing).
public struct TarHeader: Hashable, Sendable {
    /// The entry's path inside the archive, `/`-separated, without a trailing `/`.
    public var name: String
    public var kind: Kind
    /// Permission bits including setuid/setgid/sticky (`0o4755`).
    public var mode: UInt32
    public var uid: Int
    public var gid: Int
    /// The content's length (0 for anything but regular files).
    public var size: Int64
    /// Seconds since 1970.
    public var modificationTime: Int64
    /// The target of a symbolic or hard link.
    public var linkName: String
    /// The device numbers of a character or block device.
    public var deviceMajor: UInt32
    public var deviceMinor: UInt32

    public init(
        name: String, kind: Kind, mode: UInt32, uid: Int = 0, gid: Int = 0, size: Int64 = 0, modificationTime: Int64 = 0,
        linkName: String = "", deviceMajor: UInt32 = 0, deviceMinor: UInt32 = 0
    ) {
        self.name = name
        self.kind = kind
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.size = size
        self.modificationTime = modificationTime
        self.linkName = linkName
        self.deviceMajor = deviceMajor
        self.deviceMinor = deviceMinor
    }

    /// The type of an entry (the ustar `typeflag`).
    public struct Kind: RawRepresentable, Hashable, Sendable {
        public var rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let regularFile = Kind(rawValue: UInt8(ascii: "0"))
        public static let hardLink = Kind(rawValue: UInt8(ascii: "1"))
        public static let symbolicLink = Kind(rawValue: UInt8(ascii: "2"))
        public static let characterDevice = Kind(rawValue: UInt8(ascii: "3"))
        public static let blockDevice = Kind(rawValue: UInt8(ascii: "4"))
        public static let directory = Kind(rawValue: UInt8(ascii: "5"))
        public static let fifo = Kind(rawValue: UInt8(ascii: "6"))
        static let paxExtended = Kind(rawValue: UInt8(ascii: "x"))
        static let paxGlobal = Kind(rawValue: UInt8(ascii: "g"))
        static let gnuLongName = Kind(rawValue: UInt8(ascii: "L"))
        static let gnuLongLink = Kind(rawValue: UInt8(ascii: "K"))

        /// Kinds whose entries have no data whatever their size field says (Go's `isHeaderOnlyType`).
        var isHeaderOnly: Bool {
            [.hardLink, .symbolicLink, .characterDevice, .blockDevice, .directory, .fifo].contains(self)
        }
    }

    static let blockSize = 512

    /// Zero bytes that pad `size` bytes of content to a whole block.
    static func padding(forContentSize size: Int64) -> Int {
        let remainder = Int(size % Int64(Self.blockSize))
        return remainder == 0 ? 0 : Self.blockSize - remainder
    }

    // MARK: Writing

    /// The header's blocks: a PAX extended header first when the name, link name, size or ids
    /// do not fit the ustar fields, then the ustar block. The content and its padding to a
    /// multiple of 512 bytes follow it in an archive.
    public func encoded() -> ByteBuffer {
        var buffer = ByteBuffer()
        var pax: [(String, String)] = []
        let name = self.kind == .directory ? self.name + "/" : self.name
        if name.utf8.count > 100 || !name.allSatisfy(\.isASCII) { pax.append(("path", name)) }
        if self.linkName.utf8.count > 100 || !self.linkName.allSatisfy(\.isASCII) { pax.append(("linkpath", self.linkName)) }
        if self.size > 0o77777777777 { pax.append(("size", String(self.size))) }
        if self.uid > 0o7777777 { pax.append(("uid", String(self.uid))) }
        if self.gid > 0o7777777 { pax.append(("gid", String(self.gid))) }
        if !pax.isEmpty {
            var records = ByteBuffer()
            for (key, value) in pax { records.writeString(Self.paxRecord(key, value)) }
            let paxHeader = TarHeader(name: "././@PaxHeader", kind: .paxExtended, mode: 0o644, size: Int64(records.readableBytes))
            paxHeader.writeUstarBlock(into: &buffer, name: paxHeader.name)
            buffer.writeBuffer(&records)
            buffer.writeRepeatingByte(0, count: Self.padding(forContentSize: paxHeader.size))
        }
        self.writeUstarBlock(into: &buffer, name: name)
        return buffer
    }

    /// `"<length> key=value\n"` where the length counts the whole record, itself included.
    static func paxRecord(_ key: String, _ value: String) -> String {
        let body = " \(key)=\(value)\n"
        var length = body.utf8.count + 1
        while String(length).count + body.utf8.count != length { length += 1 }
        return String(length) + body
    }

    private func writeUstarBlock(into buffer: inout ByteBuffer, name: String) {
        var block = [UInt8](repeating: 0, count: Self.blockSize)
        func put(_ text: String, at offset: Int, width: Int) {
            for (index, byte) in text.utf8.prefix(width).enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int64, at offset: Int, width: Int) {
            let clamped = Swift.min(Swift.max(value, 0), Int64(pow8(width - 1)) - 1)
            let digits = String(clamped, radix: 8)
            put(String(repeating: "0", count: width - 1 - digits.count) + digits, at: offset, width: width - 1)
        }
        put(name, at: 0, width: 100)
        octal(Int64(self.mode & 0o7777), at: 100, width: 8)
        octal(Int64(self.uid), at: 108, width: 8)
        octal(Int64(self.gid), at: 116, width: 8)
        octal(self.size, at: 124, width: 12)
        octal(self.modificationTime, at: 136, width: 12)
        block[156] = self.kind.rawValue
        put(self.linkName, at: 157, width: 100)
        put("ustar", at: 257, width: 6)
        put("00", at: 263, width: 2)
        if self.kind == .characterDevice || self.kind == .blockDevice {
            octal(Int64(self.deviceMajor), at: 329, width: 8)
            octal(Int64(self.deviceMinor), at: 337, width: 8)
        }
        for index in 148..<156 { block[index] = UInt8(ascii: " ") }
        let checksum = block.reduce(0) { $0 + Int64($1) }
        let digits = String(checksum, radix: 8)
        put(String(repeating: "0", count: 6 - digits.count) + digits, at: 148, width: 6)
        block[154] = 0
        buffer.writeBytes(block)
    }

    // MARK: Reading

    /// Parses a ustar/GNU header block; `nil` for a block of zeros (the end of the archive).
    /// Throws for a block whose checksum does not match (not a tar, or corrupted).
    static func parse(block: ByteBufferView) throws -> TarHeader? {
        let bytes = Array(block)
        if bytes.allSatisfy({ $0 == 0 }) { return nil }
        func text(_ offset: Int, _ width: Int) -> String {
            let field = bytes[offset..<offset + width]
            return String(decoding: field.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        func number(_ offset: Int, _ width: Int) throws -> Int64 {
            let field = bytes[offset..<offset + width]
            if let first = field.first, first & 0x80 != 0 {
                // GNU base-256: big-endian, the first byte's high bit a marker.
                return field.dropFirst().reduce(Int64(first & 0x7F)) { ($0 << 8) | Int64($1) }
            }
            let digits = String(decoding: field.prefix(while: { $0 != 0 }), as: UTF8.self).trimmingWhitespace()
            if digits.isEmpty { return 0 }
            guard let value = Int64(digits, radix: 8) else {
                throw DockerError.malformedResponse("invalid tar header: \"\(digits)\" is not an octal number")
            }
            return value
        }
        var sum: Int64 = 0
        for (index, byte) in bytes.enumerated() { sum += (148..<156).contains(index) ? 32 : Int64(byte) }
        guard try number(148, 8) == sum else {
            throw DockerError.malformedResponse("invalid tar header: bad checksum (the stream is not a tar archive, or it is corrupted)")
        }
        var name = text(0, 100)
        if text(257, 5) == "ustar" {
            let prefix = text(345, 155)
            if !prefix.isEmpty { name = prefix + "/" + name }
        }
        let kind = Kind(rawValue: bytes[156] == 0 ? UInt8(ascii: "0") : bytes[156])
        // A device's numbers, read for devices alone: other entries may leave the fields to
        // whatever their writer put there.
        let isDevice = kind == .characterDevice || kind == .blockDevice
        return TarHeader(
            name: Self.cleaned(name),
            kind: kind,
            mode: UInt32(truncatingIfNeeded: try number(100, 8)),
            uid: Int(try number(108, 8)),
            gid: Int(try number(116, 8)),
            size: try number(124, 12),
            modificationTime: try number(136, 12),
            linkName: text(157, 100),
            deviceMajor: isDevice ? UInt32(truncatingIfNeeded: try number(329, 8)) : 0,
            deviceMinor: isDevice ? UInt32(truncatingIfNeeded: try number(337, 8)) : 0
        )
    }

    /// A name without its trailing `/` (directories carry one).
    static func cleaned(_ name: String) -> String {
        var name = Substring(name)
        while name.utf8.count > 1, let trimmed = name.cut(suffix: "/") { name = trimmed }
        return String(name)
    }
}

private func pow8(_ exponent: Int) -> Int64 {
    (0..<exponent).reduce(Int64(1)) { result, _ in result * 8 }
}
