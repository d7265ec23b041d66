import NIOCore

/// How the parts of a response body read in one burst are handed to its consumer: the runs of
/// small parts joined into one buffer each, the large parts as they were read.
///
/// A daemon writes a log or a stream of JSON messages an HTTP chunk per line, and the decoder
/// yields a part per chunk: a burst of one socket read can hold hundreds of them. Handed over
/// one by one, each would cost the consumer an iteration (and a frame's worth of work after
/// it, a system call to write it out). Their boundaries mean nothing (a body is a byte
/// stream), so they are copied together; a large part is never copied.
enum BodyPartJoining {
    /// A part of at most this many bytes is joined to its small neighbours.
    static let smallPartLimit = 4 << 10
    /// The most bytes a joined buffer holds.
    static let joinedLimit = 64 << 10

    /// `parts` with each run of adjacent small parts (up to ``joinedLimit`` bytes) joined.
    static func joiningSmallParts(_ parts: [ByteBuffer], allocator: ByteBufferAllocator) -> [ByteBuffer] {
        var joined: [ByteBuffer] = []
        var start = parts.startIndex
        while start < parts.endIndex {
            var end = start
            var size = 0
            while end < parts.endIndex, parts[end].readableBytes <= Self.smallPartLimit,
                size + parts[end].readableBytes <= Self.joinedLimit
            {
                size += parts[end].readableBytes
                end += 1
            }
            guard end - start > 1 else {
                joined.append(parts[start])
                start += 1
                continue
            }
            var buffer = allocator.buffer(capacity: size)
            for var part in parts[start..<end] { buffer.writeBuffer(&part) }
            joined.append(buffer)
            start = end
        }
        return joined
    }
}
