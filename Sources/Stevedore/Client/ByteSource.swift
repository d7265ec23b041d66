import NIOConcurrencyHelpers
import NIOCore
import StevedoreText
import StevedoreTransport

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bytes to upload as a request body (an image tar, a build context), streamed as they are
/// produced, never held whole in memory: the next chunk is read only once the previous one is
/// written to the socket.
public struct ByteSource: Sendable {
    let body: HTTPRequestBody

    /// The chunks of `sequence`, sent chunked (or with `Content-Length` when `length` is known).
    public static func stream<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks, length: Int? = nil) -> ByteSource
    where Chunks.Element == ByteBuffer {
        ByteSource(body: .stream(chunks, length: length))
    }

    /// The chunks of `sequence` as byte arrays, for code that does not use SwiftNIO's
    /// `ByteBuffer`; sent as the chunks of `ByteBuffer`s are.
    public static func stream<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks, length: Int? = nil) -> ByteSource
    where Chunks.Element == [UInt8] {
        ByteSource(body: .stream(chunks.map { ByteBuffer(bytes: $0) }, length: length))
    }

    /// Bytes already in memory.
    public static func bytes(_ bytes: some Sequence<UInt8>) -> ByteSource {
        ByteSource(body: .bytes(ByteBuffer(bytes: bytes)))
    }

    /// The contents of the file at `url`, read in chunks while they are sent: a regular file with
    /// its length, anything else that can be read (a pipe such as `<(…)`, a device) to its end,
    /// sent chunked. Throws ``DockerError/Category/invalidInput`` with Go's words for a file that
    /// does not exist (`open PATH: no such file or directory`) or is a directory; one that
    /// cannot be opened or read fails the upload with such an error.
    public static func file(_ url: URL) throws -> ByteSource {
        var status = stat()
        guard stat(url.path, &status) == 0 else {
            throw DockerError.invalidInput("\(GoPathError(operation: "open", path: url.path, code: errno))")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            return ByteSource(body: .stream(FileChunks(path: url.path), length: Int(status.st_size)))
        case S_IFDIR:
            throw DockerError.invalidInput("\(GoPathError(operation: "read", path: url.path, code: EISDIR))")
        default:
            return ByteSource(body: .stream(FileChunks(path: url.path), length: nil))
        }
    }

    /// These bytes, with `observer` called with the total sent so far each time a chunk goes to
    /// the daemon: for upload progress ("Sending build context… 3.072kB"). The observer runs
    /// on the upload's path and must return quickly.
    public func reportingProgress(_ observer: @escaping @Sendable (Int64) -> Void) -> ByteSource {
        let total = SentByteCount()
        return ByteSource(body: self.body.observingChunks { observer(total.add($0)) })
    }
}

/// The running total of an upload, counted from the task that sends it.
private final class SentByteCount: @unchecked Sendable {
    private let lock = NIOLock()
    private var total: Int64 = 0

    func add(_ count: Int) -> Int64 {
        self.lock.withLock {
            self.total += Int64(count)
            return self.total
        }
    }
}

/// The contents of a file as an `AsyncSequence` of chunks, opened when iteration starts and
/// closed at its end (or when the iterator is dropped).
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    /// The size of each read.
    static let chunkSize = 256 << 10

    let path: String

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(path: self.path) }

    struct AsyncIterator: AsyncIteratorProtocol {
        let path: String
        var file: FileDescriptorBox?

        mutating func next() async throws -> ByteBuffer? {
            // Off the event loop, which a task writing the body may prefer: opening and reading
            // block, for as long as a pipe's writer likes.
            try await withTaskExecutorPreference(globalConcurrentExecutor) {
                if self.file == nil {
                    let descriptor = open(self.path, O_RDONLY | O_CLOEXEC)
                    guard descriptor >= 0 else {
                        throw DockerError.invalidInput("\(GoPathError(operation: "open", path: self.path, code: errno))")
                    }
                    self.file = FileDescriptorBox(descriptor)
                }
                guard let file = self.file, !file.isAtEnd else { return nil }
                return try file.read(upTo: FileChunks.chunkSize, path: self.path)
            }
        }
    }
}
