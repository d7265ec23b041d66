import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Bytes already read, then the rest of a stream.
struct PrefixedChunks<Rest: AsyncSequence & Sendable>: AsyncSequence, Sendable where Rest.Element == ByteBuffer {
    typealias Element = ByteBuffer
    let first: ByteBuffer
    let rest: Rest

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(first: self.first, rest: self.rest.makeAsyncIterator()) }

    struct AsyncIterator: AsyncIteratorProtocol {
        var first: ByteBuffer?
        var rest: Rest.AsyncIterator

        mutating func next() async throws -> ByteBuffer? {
            if let first = self.first {
                self.first = nil
                return first
            }
            return try await self.rest.next()
        }
    }
}
