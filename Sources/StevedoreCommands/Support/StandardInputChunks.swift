import Stevedore

/// Standard input as a stream of chunks, read as the upload asks for them.
struct StandardInputChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }

    struct AsyncIterator: AsyncIteratorProtocol {
        mutating func next() async throws -> ByteBuffer? {
            try StandardInput.readChunk(maximum: 256 << 10)
        }
    }
}
