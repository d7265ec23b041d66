import Foundation

/// Tiny tar archives for import tests, written in memory: each file a regular entry owned by
/// root, mode 0644 (or 0755 for directories), in the order given.
public enum TestArchive {
    /// A ustar archive holding `files` (path → contents) and the directories `directories`.
    public static func tar(files: [(String, String)], directories: [String] = []) -> [UInt8] {
        Self.tar(binaryFiles: files.map { ($0.0, Array($0.1.utf8)) }, directories: directories)
    }

    /// A ustar archive holding `binaryFiles` (path → bytes) and the directories `directories`.
    public static func tar(binaryFiles: [(String, [UInt8])], directories: [String] = []) -> [UInt8] {
        var archive: [UInt8] = []
        for directory in directories {
            archive += Self.header(name: directory.hasSuffix("/") ? directory : directory + "/", size: 0, mode: 0o755, type: 0x35)
        }
        for (name, bytes) in binaryFiles {
            archive += Self.header(name: name, size: bytes.count, mode: 0o644, type: 0x30)
            archive += bytes
            archive += [UInt8](repeating: 0, count: (512 - bytes.count % 512) % 512)
        }
        return archive + [UInt8](repeating: 0, count: 1024)
    }

    private static func header(name: String, size: Int, mode: Int, type: UInt8) -> [UInt8] {
        precondition(name.utf8.count <= 100, "test archive names are short")
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, _ offset: Int) { for (index, byte) in text.utf8.enumerated() { block[offset + index] = byte } }
        func octal(_ value: Int, _ offset: Int, _ width: Int) {
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: width - 1 - digits.count) + digits, offset)
        }
        put(name, 0)
        octal(mode, 100, 8)
        octal(0, 108, 8)
        octal(0, 116, 8)
        octal(size, 124, 12)
        octal(1_700_000_000, 136, 12)
        put("        ", 148)
        block[156] = type
        put("ustar", 257)
        put("00", 263)
        octal(block.reduce(0) { $0 + Int($1) }, 148, 7)
        return block
    }

    /// `count` random bytes (a multiple of 8): file contents no compression shrinks.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        precondition(count % 8 == 0)
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { raw in
            for offset in stride(from: 0, to: count, by: 8) {
                raw.storeBytes(of: generator.next() as UInt64, toByteOffset: offset, as: UInt64.self)
            }
        }
        return bytes
    }
}
