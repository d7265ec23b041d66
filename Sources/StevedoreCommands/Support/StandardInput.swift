import Dispatch
import Foundation
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
                    var buffer = ByteBuffer()
                    buffer.reserveCapacity(64 << 10)
                    while true {
                        let count = buffer.withUnsafeMutableWritableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                        if count > 0 {
                            buffer.moveWriterIndex(forwardBy: count)
                            continuation.resume(returning: buffer)
                        } else if count == 0 {
                            continuation.resume(returning: nil)
                        } else if errno == EINTR {
                            continue
                        } else {
                            continuation.resume(
                                throwing: CommandFailure(description: "reading stdin failed: \(String(cString: strerror(errno)))"))
                        }
                        return
                    }
                }
            }
        }
    }
}
