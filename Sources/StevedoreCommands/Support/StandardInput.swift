import Dispatch
import Stevedore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard input as buffers, read on a Dispatch thread so that a blocking `read` never holds
/// a thread of Swift's cooperative pool. One read at a time: a slow container slows the reader.
struct StandardInput: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }

    struct AsyncIterator: AsyncIteratorProtocol {
        mutating func next() async throws -> ByteBuffer? {
            try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(with: Result { try StandardInput.readChunk(maximum: 64 << 10) })
                }
            }
        }
    }

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
