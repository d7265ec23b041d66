import NIOCore

/// Builds and cuts Docker multiplexed streams for tests of the demultiplexer: frames with
/// their 8-byte headers, random frame lists and random splits, from a seeded generator so
/// that a failure repeats.
public enum MultiplexedFrames {
    /// A frame: `[type, 0, 0, 0, size (big-endian)]` and `payload`.
    public static func frame(type: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let size = UInt32(payload.count)
        return [type, 0, 0, 0, UInt8(size >> 24), UInt8(size >> 16 & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size & 0xFF)] + payload
    }

    /// `bytes` cut into buffers at random points: pieces of 1 to `maxPiece` bytes.
    public static func split<Generator: RandomNumberGenerator>(
        _ bytes: [UInt8], maxPiece: Int, using generator: inout Generator
    ) -> [ByteBuffer] {
        var pieces: [ByteBuffer] = []
        var start = 0
        while start < bytes.count {
            let length = min(Int.random(in: 1...maxPiece, using: &generator), bytes.count - start)
            pieces.append(ByteBuffer(bytes: bytes[start..<start + length]))
            start += length
        }
        return pieces
    }
}

/// A deterministic generator (SplitMix64) for repeatable random tests.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        self.state = seed
    }

    public mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An `AsyncSequence` of fixed buffers, as if read from a socket.
public struct BufferSequence: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    let buffers: [ByteBuffer]

    public init(_ buffers: [ByteBuffer]) {
        self.buffers = buffers
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(buffers: self.buffers[...])
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var buffers: ArraySlice<ByteBuffer>

        public mutating func next() async throws -> ByteBuffer? {
            self.buffers.popFirst()
        }
    }
}
