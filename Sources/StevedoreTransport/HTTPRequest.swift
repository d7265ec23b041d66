import NIOCore
import NIOHTTP1

/// One HTTP/1.1 request as the transport sends it.
///
/// The transport adds `Host` (from the ``ConnectionTarget``) and the framing headers
/// (`Content-Length`, or `Transfer-Encoding: chunked` for a stream of unknown length);
/// everything else is the caller's.
public struct HTTPRequest: Sendable {
    /// The method, e.g. `.GET`.
    public var method: HTTPMethod
    /// The request target: an absolute path, already percent-encoded, with its query.
    public var target: String
    /// Header fields sent as given.
    public var headers: HTTPHeaders
    /// The body; `nil` sends none.
    public var body: HTTPRequestBody?
    /// When the whole exchange (response head and body) must have completed; `nil` for none.
    /// Streams that may last for hours (logs, events, attach) leave it `nil`.
    public var deadline: NIODeadline?
    /// An exchange that may hold its connection for as long as it lasts (a followed log, a wait,
    /// events): it runs outside the pool's ``HTTPTransportConfiguration/maxConnections``, so that
    /// any number of them never keeps an ordinary request waiting. Default: `false`.
    public var isLongLived: Bool

    public init(
        method: HTTPMethod,
        target: String,
        headers: HTTPHeaders = [:],
        body: HTTPRequestBody? = nil,
        deadline: NIODeadline? = nil,
        isLongLived: Bool = false
    ) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.deadline = deadline
        self.isLongLived = isLongLived
    }
}

/// A request body: bytes in memory, or a stream written as it is produced.
public struct HTTPRequestBody: Sendable {
    enum Storage: Sendable {
        case bytes(ByteBuffer)
        case stream(length: Int?, chunks: @Sendable () -> AnyAsyncByteBufferSequence)
    }

    let storage: Storage

    /// A body held in memory, sent with `Content-Length`.
    public static func bytes(_ buffer: ByteBuffer) -> Self { .init(storage: .bytes(buffer)) }

    /// A body read from `chunks` while it is sent, never held whole: sent with `Content-Length`
    /// when `length` is known, chunked otherwise. Each chunk is written before the next is
    /// requested, so a slow daemon slows the producer down.
    public static func stream<Chunks: AsyncSequence & Sendable>(
        _ chunks: Chunks,
        length: Int? = nil
    ) -> Self where Chunks.Element == ByteBuffer {
        .init(storage: .stream(length: length, chunks: { AnyAsyncByteBufferSequence(chunks) }))
    }

    /// The body's bytes as chunks, read as the stream's are (in memory: one chunk), for a
    /// body made from another one (compressed).
    package var chunks: AnyAsyncByteBufferSequence {
        switch self.storage {
        case .bytes(let buffer): AnyAsyncByteBufferSequence(SingleElementSequence(element: buffer))
        case .stream(_, let chunks): chunks()
        }
    }

    /// This body, with `observer` called with the size of each chunk as it is handed to the
    /// connection (in memory: once, with the whole size). For upload progress; the observer
    /// must be quick, it runs on the upload's path.
    public func observingChunks(_ observer: @escaping @Sendable (Int) -> Void) -> Self {
        let length: Int?
        switch self.storage {
        case .bytes(let buffer): length = buffer.readableBytes
        case .stream(let streamLength, _): length = streamLength
        }
        let chunks: @Sendable () -> AnyAsyncByteBufferSequence = {
            AnyAsyncByteBufferSequence(ObservedChunks(base: self.chunks, observer: observer))
        }
        return .init(storage: .stream(length: length, chunks: chunks))
    }
}

/// Chunks passed through unchanged, each reported to an observer first.
private struct ObservedChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: AnyAsyncByteBufferSequence
    let observer: @Sendable (Int) -> Void

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: self.base.makeAsyncIterator(), observer: self.observer) }

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: AnyAsyncByteBufferSequence.AsyncIterator
        let observer: @Sendable (Int) -> Void

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await self.base.next() else { return nil }
            self.observer(chunk.readableBytes)
            return chunk
        }
    }
}

/// One element as an `AsyncSequence`.
private struct SingleElementSequence<Element: Sendable>: AsyncSequence, Sendable {
    let element: Element
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(element: self.element) }
    struct AsyncIterator: AsyncIteratorProtocol {
        var element: Element?
        mutating func next() async -> Element? {
            defer { self.element = nil }
            return self.element
        }
    }
}

/// A type-erased `AsyncSequence` of `ByteBuffer`s.
public struct AnyAsyncByteBufferSequence: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    private let makeIterator: @Sendable () -> AsyncIterator

    public init<Base: AsyncSequence & Sendable>(_ base: Base) where Base.Element == ByteBuffer {
        self.makeIterator = {
            var iterator = base.makeAsyncIterator()
            return AsyncIterator(nextElement: { try await iterator.next() })
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { self.makeIterator() }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let nextElement: () async throws -> ByteBuffer?

        public mutating func next() async throws -> ByteBuffer? { try await self.nextElement() }
    }
}
