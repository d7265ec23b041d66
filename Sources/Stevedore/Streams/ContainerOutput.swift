import NIOCore
import StevedoreTransport

/// The output of a container or an exec process as typed chunks: what attach, exec start and
/// logs return. An `AsyncSequence` with backpressure: the connection is read only as fast as
/// the chunks are consumed.
///
/// A ``StreamFraming/multiplexed`` stream yields `.stdout`, `.stderr` (and rarely `.stdin`)
/// chunks through a ``StreamDemultiplexer``; a ``StreamFraming/raw`` one yields `.console`
/// chunks. The sequence ends when the daemon ends the stream; a daemon error in the stream
/// (frame type 3), a stream cut inside a frame, or a broken connection is thrown as a
/// ``DockerError``. It can be iterated once. Leaving the loop early, or cancelling the task
/// iterating it, closes the connection it reads.
public struct ContainerOutput: AsyncSequence, Sendable {
    public typealias Element = ContainerOutputChunk

    /// How the bytes are framed.
    public let framing: StreamFraming
    private let bytes: AnyAsyncByteBufferSequence
    private let host: DockerHost?

    /// Demultiplexes (or passes through, for `.raw`) any sequence of buffers, e.g. a file
    /// holding a recorded stream.
    public init<Bytes: AsyncSequence & Sendable>(_ bytes: Bytes, framing: StreamFraming) where Bytes.Element == ByteBuffer {
        self.init(bytes, framing: framing, host: nil)
    }

    init<Bytes: AsyncSequence & Sendable>(_ bytes: Bytes, framing: StreamFraming, host: DockerHost?) where Bytes.Element == ByteBuffer {
        self.bytes = AnyAsyncByteBufferSequence(bytes)
        self.framing = framing
        self.host = host
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(bytes: self.bytes.makeAsyncIterator(), framing: self.framing, host: self.host)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        private var bytes: AnyAsyncByteBufferSequence.AsyncIterator
        private let framing: StreamFraming
        private let host: DockerHost?
        private var demultiplexer = StreamDemultiplexer()
        private var finished = false
        /// When set, the chunk a multiplexed stream yields carries the whole frames of its
        /// stream that follow it in the same read, up to this many bytes
        /// (``StreamDemultiplexer/nextChunk(coalescingUpTo:)``).
        var coalescingLimit: Int?

        init(bytes: AnyAsyncByteBufferSequence.AsyncIterator, framing: StreamFraming, host: DockerHost?) {
            self.bytes = bytes
            self.framing = framing
            self.host = host
        }

        public mutating func next() async throws -> ContainerOutputChunk? {
            do {
                while !self.finished {
                    if self.framing == .multiplexed, let chunk = try self.nextDemultiplexedChunk() {
                        return chunk
                    }
                    guard let buffer = try await self.readBuffer() else {
                        self.finished = true
                        if self.framing == .multiplexed { try self.demultiplexer.finish() }
                        return nil
                    }
                    switch self.framing {
                    case .raw:
                        if buffer.readableBytes > 0 { return ContainerOutputChunk(.console, buffer) }
                    case .multiplexed:
                        self.demultiplexer.append(buffer)
                    }
                }
                return nil
            } catch {
                self.finished = true
                throw error
            }
        }

        private mutating func nextDemultiplexedChunk() throws -> ContainerOutputChunk? {
            guard let limit = self.coalescingLimit else { return try self.demultiplexer.nextChunk() }
            return try self.demultiplexer.nextChunk(coalescingUpTo: limit)
        }

        private mutating func readBuffer() async throws -> ByteBuffer? {
            do {
                return try await self.bytes.next()
            } catch {
                // A hijacked connection's transport errors are mapped here, as DockerByteStream
                // maps a body's; a caller's own sequence keeps its errors.
                guard let host = self.host else { throw error }
                throw DockerError.wrapping(error, host: host)
            }
        }
    }
}
