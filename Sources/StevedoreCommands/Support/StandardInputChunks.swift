import Foundation
import Stevedore

/// Standard input as a stream of chunks, read as the upload asks for them.
struct StandardInputChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }

    struct AsyncIterator: AsyncIteratorProtocol {
        mutating func next() async throws -> ByteBuffer? {
            let data = FileHandle.standardInput.readData(ofLength: 256 << 10)
            return data.isEmpty ? nil : ByteBuffer(bytes: data)
        }
    }
}
