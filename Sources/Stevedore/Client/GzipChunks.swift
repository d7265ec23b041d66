import CompressNIO
import NIOCore
import StevedoreTransport

/// The chunks of a body gzip-compressed as they are read (for a build context sent as docker's
/// `--compress` sends it), never held whole: each chunk in gives the compressed bytes zlib has
/// ready, and the end of the input the rest and gzip's trailer.
///
/// A body that is already compressed (it opens with the magic number of gzip, bzip2, xz or
/// zstd, which the daemon recognises) passes through unchanged: compressed twice, the daemon
/// would decompress it once and fail to read the tar inside.
struct GzipChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    /// The output buffer's size: what zlib fills before a chunk is handed on.
    static let outputChunkSize = 64 << 10
    /// The longest of the magic numbers below, which must be read before deciding.
    static let magicLength = 6
    /// gzip, bzip2, xz and zstd, as the daemon's `DetectCompression` knows them.
    static let compressedMagics: [[UInt8]] = [
        [0x1F, 0x8B, 0x08], Array("BZh".utf8), [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], [0x28, 0xB5, 0x2F, 0xFD],
    ]

    let base: AnyAsyncByteBufferSequence

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: self.base.makeAsyncIterator()) }

    struct AsyncIterator: AsyncIteratorProtocol {
        enum State {
            /// The first bytes, until there are enough to tell a compressed body.
            case opening(ByteBuffer)
            case passingThrough
            case compressing(ZlibCompressor)
            case finished
        }

        var base: AnyAsyncByteBufferSequence.AsyncIterator
        var state = State.opening(ByteBuffer())
        /// Compressed chunks ready to be returned, oldest first.
        var ready: [ByteBuffer] = []

        init(base: AnyAsyncByteBufferSequence.AsyncIterator) {
            self.base = base
        }

        mutating func next() async throws -> ByteBuffer? {
            while self.ready.isEmpty {
                switch self.state {
                case .finished:
                    return nil
                case .passingThrough:
                    guard let chunk = try await self.base.next() else {
                        self.state = .finished
                        return nil
                    }
                    return chunk
                case .opening(var opening):
                    let chunk = try await self.base.next()
                    if var chunk { opening.writeBuffer(&chunk) }
                    if chunk != nil, opening.readableBytes < GzipChunks.magicLength {
                        self.state = .opening(opening)
                        continue
                    }
                    guard !GzipChunks.isCompressed(opening) else {
                        self.state = chunk == nil ? .finished : .passingThrough
                        return opening.readableBytes > 0 ? opening : nil
                    }
                    let compressor = try Self.makeCompressor()
                    self.state = .compressing(compressor)
                    try self.compress(&opening, with: compressor, finishing: chunk == nil)
                case .compressing(let compressor):
                    let chunk = try await self.base.next()
                    var input = chunk ?? ByteBuffer()
                    try self.compress(&input, with: compressor, finishing: chunk == nil)
                }
            }
            return self.ready.removeFirst()
        }

        /// Compresses `input` into ``ready``; at the end of the input, writes what zlib holds
        /// and gzip's trailer, and finishes.
        private mutating func compress(_ input: inout ByteBuffer, with compressor: ZlibCompressor, finishing: Bool) throws {
            var window = ByteBuffer()
            window.reserveCapacity(GzipChunks.outputChunkSize)
            var output: [ByteBuffer] = []
            do {
                try input.compressStream(with: compressor, window: &window, flush: finishing ? .finish : .no) { output.append($0) }
            } catch {
                throw Self.failure(error)
            }
            // Full windows were handed on as they filled; this is the last one's start.
            if window.readableBytes > 0 { output.append(window) }
            self.ready += output.filter { $0.readableBytes > 0 }
            if finishing { self.state = .finished }
        }

        private static func makeCompressor() throws -> ZlibCompressor {
            do {
                return try ZlibCompressor(algorithm: .gzip)
            } catch {
                throw Self.failure(error)
            }
        }

        /// zlib fails only when it cannot allocate its state.
        private static func failure(_ error: any Error) -> DockerError {
            DockerError(category: .limitExceeded, message: "cannot gzip the upload: zlib failed (\(error)); out of memory?")
        }
    }

    /// Whether `opening` starts with the magic number of a compressed stream.
    static func isCompressed(_ opening: ByteBuffer) -> Bool {
        let bytes = opening.readableBytesView
        return Self.compressedMagics.contains { bytes.starts(with: $0) }
    }
}

extension ByteSource {
    /// These bytes gzip-compressed while they are sent (chunked: the compressed length is not
    /// known in advance), as docker's `build --compress` sends a context: smaller uploads to a
    /// daemon behind a slow link, at the cost of the client's CPU. The daemon decompresses
    /// what it receives wherever it takes an archive (a build context, `images.load`,
    /// `images.import`, `containers.putArchive`).
    ///
    /// Bytes that are already compressed (gzip, bzip2, xz or zstd, told by their first bytes)
    /// are sent as they are: the daemon would decompress only once.
    public func gzipped() -> ByteSource {
        ByteSource(body: .stream(GzipChunks(base: self.body.chunks)))
    }
}
