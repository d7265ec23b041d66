import Stevedore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard input as buffers of up to `chunkSize` bytes, each read by a ``blockingCall(_:)``
/// (ended by the task's cancellation). One read at a time: a slow container or upload slows
/// the reader.
struct StandardInput: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    /// The most one element holds: 64 KiB for an interactive session, more for an upload.
    var chunkSize = 64 << 10

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(chunkSize: self.chunkSize) }

    struct AsyncIterator: AsyncIteratorProtocol {
        let chunkSize: Int

        mutating func next() async throws -> ByteBuffer? {
            let chunkSize = self.chunkSize
            return try await blockingCall { try StandardInput.readChunk(maximum: chunkSize) }
        }
    }

    /// The chunks of an upload from standard input (an archive or build context).
    static var uploadChunks: StandardInput { StandardInput(chunkSize: 256 << 10) }

    /// One `read` of up to `maximum` bytes from `descriptor` (called `name` in errors),
    /// blocking the calling thread; nil at the end of the input.
    static func readChunk(maximum: Int, from descriptor: Int32 = STDIN_FILENO, name: String = "stdin") throws -> ByteBuffer? {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(maximum)
        while true {
            let count = buffer.withUnsafeMutableWritableBytes { read(descriptor, $0.baseAddress, Swift.min($0.count, maximum)) }
            if count > 0 {
                buffer.moveWriterIndex(forwardBy: count)
                return buffer
            }
            if count == 0 { return nil }
            if errno != EINTR {
                throw CommandFailure(description: "reading \(name) failed: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// All that is left of `descriptor` (called `name` in errors), read to its end, blocking the
    /// calling thread.
    static func readToEnd(_ descriptor: Int32 = STDIN_FILENO, name: String = "stdin") throws -> ByteBuffer {
        var contents = ByteBuffer()
        while var chunk = try Self.readChunk(maximum: 256 << 10, from: descriptor, name: name) {
            contents.writeBuffer(&chunk)
        }
        return contents
    }
}
