import CompressNIO
import NIOCore
import StevedoreTestSupport
import Testing

@testable import Stevedore

/// ``ByteSource/gzipped()``: what it sends decompresses to the input, however the input is cut
/// into chunks, and an input that is already compressed goes through unchanged.
struct GzipChunksTests {
    /// The chunks `source` sends.
    static func sent(_ source: ByteSource) async throws -> [ByteBuffer] {
        var chunks: [ByteBuffer] = []
        for try await chunk in source.body.chunks { chunks.append(chunk) }
        return chunks
    }

    /// `bytes` cut at `sizes` (cycled), as a stream.
    static func chunked(_ bytes: [UInt8], sizes: [Int]) -> ByteSource {
        var chunks: [[UInt8]] = []
        var start = 0
        var index = 0
        while start < bytes.count {
            let end = min(bytes.count, start + sizes[index % sizes.count])
            chunks.append(Array(bytes[start..<end]))
            start = end
            index += 1
        }
        return .stream(
            AsyncStream { continuation in
                for chunk in chunks { continuation.yield(chunk) }
                continuation.finish()
            })
    }

    static func gunzip(_ chunks: [ByteBuffer]) throws -> [UInt8] {
        var compressed = ByteBuffer()
        for var chunk in chunks { compressed.writeBuffer(&chunk) }
        let decompressed = try compressed.decompress(with: .gzip)
        return Array(decompressed.readableBytesView)
    }

    /// Text that compresses well, then random bytes that do not: both kinds of deflate block.
    static let input: [UInt8] = {
        var generator = SeededGenerator(seed: 7)
        let text = Array(String(repeating: "a build context, compressed as docker's --compress does\n", count: 6_000).utf8)
        return text + (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }()

    @Test(arguments: [[1, 1, 1, 1, 1, 9_000], [1, 2, 3, 70_000], [5, 1 << 16], [300_000], [1 << 20]])
    func whatIsSentDecompressesToTheInput(sizes: [Int]) async throws {
        let chunks = try await Self.sent(Self.chunked(Self.input, sizes: sizes).gzipped())
        #expect(chunks.first?.readableBytesView.starts(with: [0x1F, 0x8B]) == true)
        #expect(chunks.allSatisfy { $0.readableBytes > 0 })
        #expect(try Self.gunzip(chunks) == Self.input)
        let sent = chunks.map(\.readableBytes).reduce(0, +)
        #expect(sent < Self.input.count, "\(sent) bytes sent for \(Self.input.count)")
    }

    @Test(arguments: [[], Array("ab".utf8), Array("a tar!".utf8)])
    func shortAndEmptyInputsAreCompressed(input: [UInt8]) async throws {
        let fromStream = try await Self.sent(Self.chunked(input, sizes: [1]).gzipped())
        #expect(try Self.gunzip(fromStream) == input)
        let fromMemory = try await Self.sent(ByteSource.bytes(input).gzipped())
        #expect(try Self.gunzip(fromMemory) == input)
    }

    /// gzip, bzip2, xz and zstd openings, cut after their first byte: sent byte for byte.
    @Test(arguments: [
        [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00], Array("BZh91AY&SY".utf8),
        [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00, 0x04], [0x28, 0xB5, 0x2F, 0xFD, 0x04, 0x00],
    ])
    func compressedInputsGoThroughUnchanged(opening: [UInt8]) async throws {
        let input = opening + Array(Self.input.prefix(10_000))
        let chunks = try await Self.sent(Self.chunked(input, sizes: [1, 4_000]).gzipped())
        #expect(chunks.flatMap { Array($0.readableBytesView) } == input)
    }

    /// Gzipped twice is gzipped once: what the daemon decompresses is the tar.
    @Test func gzippingTwiceCompressesOnce() async throws {
        let chunks = try await Self.sent(Self.chunked(Self.input, sizes: [50_000]).gzipped().gzipped())
        #expect(try Self.gunzip(chunks) == Self.input)
    }
}
