import NIOCore

/// A tar archive of a few entries the client writes itself (a context export, a config file
/// put into a container), built in memory entry by entry.
struct InMemoryTar {
    private var bytes = ByteBuffer()

    /// Appends an entry owned by root, dated 1970: its header, `contents` and their padding.
    mutating func append(_ path: String, _ kind: TarHeader.Kind, mode: UInt32, contents: some Collection<UInt8> = [UInt8]()) {
        var header = TarHeader(name: path, kind: kind, mode: mode, size: Int64(contents.count)).encoded()
        self.bytes.writeBuffer(&header)
        self.bytes.writeBytes(contents)
        self.bytes.writeRepeatingByte(0, count: TarHeader.padding(forContentSize: Int64(contents.count)))
    }

    /// The archive with its end marker, two zero blocks.
    var finished: ByteBuffer {
        var archive = self.bytes
        archive.writeRepeatingByte(0, count: 2 * TarHeader.blockSize)
        return archive
    }
}
