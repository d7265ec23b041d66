import NIOCore
import NIOHTTP1

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One accepted connection of a ``FakeHTTPServer``, as its script sees it.
///
/// Reads are buffered: ``readRequest()`` consumes exactly one request (head and body) and keeps
/// whatever followed it for the next read. Each write is a single socket write, flushed at once,
/// and returns when the bytes are in the socket: a client that stops reading holds the script
/// back (the async writer would buffer ahead instead, hiding the client's backpressure).
/// Used by one script task at a time; it is not `Sendable`.
public final class FakeHTTPConnection {
    private let channel: any Channel
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    /// Bytes read from the socket and not yet consumed.
    private var buffered = ByteBuffer()
    private var sawEOF = false

    init(channel: any Channel, inbound: NIOAsyncChannelInboundStream<ByteBuffer>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.channel = channel
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
    }

    // MARK: Reading

    /// Reads the next request, its body decoded from `Content-Length` or chunked framing.
    /// Returns `nil` when the client closed (or half-closed) before a new request began; throws
    /// when it closed in the middle of one or sent something that is not HTTP/1.1.
    public func readRequest() async throws -> FakeHTTPRequest? {
        guard let headEnd = try await self.readUntil("\r\n\r\n", orEOFBeforeAnyByte: true) else { return nil }
        let headText = self.buffered.readString(length: headEnd)!
        self.buffered.moveReaderIndex(forwardBy: 4)
        var lines = headText.split(separator: "\r\n", omittingEmptySubsequences: false)
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else { throw FakeHTTPServerError("bad request line: \(requestLine)") }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw FakeHTTPServerError("bad header line: \(line)") }
            headers.add(
                name: String(line[..<colon]),
                value: String(line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" })
            )
        }

        var body = ByteBuffer()
        let chunked = headers["Transfer-Encoding"].contains { $0.lowercased() == "chunked" }
        if chunked {
            while true {
                let lineEnd = try await self.readUntil("\r\n")!
                let sizeLine = self.buffered.readString(length: lineEnd)!
                self.buffered.moveReaderIndex(forwardBy: 2)
                guard let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16) else {
                    throw FakeHTTPServerError("bad chunk size line: \(sizeLine)")
                }
                if size == 0 {
                    // Trailer lines, if any, up to the empty line.
                    while true {
                        let lineLength = try await self.readUntil("\r\n")!
                        self.buffered.moveReaderIndex(forwardBy: lineLength + 2)
                        if lineLength == 0 { break }
                    }
                    break
                }
                var chunk = try await self.readExactly(size)
                body.writeBuffer(&chunk)
                var chunkEnd = try await self.readExactly(2)
                guard chunkEnd.readString(length: 2) == "\r\n" else {
                    throw FakeHTTPServerError("a chunk does not end with CRLF")
                }
            }
        } else if let length = headers.first(name: "Content-Length").flatMap({ Int($0) }), length > 0 {
            body = try await self.readExactly(length)
        }
        return FakeHTTPRequest(
            method: HTTPMethod(rawValue: String(requestLine[0])),
            target: String(requestLine[1]),
            headers: headers,
            body: body,
            wasChunked: chunked
        )
    }

    /// The next bytes the client sent, as they came (after any already buffered); `nil` at EOF.
    public func readRaw() async throws -> ByteBuffer? {
        if self.buffered.readableBytes > 0 {
            defer { self.buffered = ByteBuffer() }
            return self.buffered
        }
        return try await self.readMore() ? self.takeBuffered() : nil
    }

    /// Reads raw bytes until the client's EOF and returns them all.
    public func readToEOF() async throws -> ByteBuffer {
        var all = ByteBuffer()
        while var part = try await self.readRaw() { all.writeBuffer(&part) }
        return all
    }

    // MARK: Writing

    /// Writes `string`'s UTF-8 bytes in one write.
    public func write(_ string: String) async throws {
        try await self.write(ByteBuffer(string: string))
    }

    /// Writes `bytes` in one write.
    public func write(_ bytes: ByteBuffer) async throws {
        try await self.channel.writeAndFlush(bytes)
    }

    /// Writes `bytes` in one write.
    public func write(_ bytes: [UInt8]) async throws {
        try await self.write(ByteBuffer(bytes: bytes))
    }

    /// Shuts down the server's write side (through the async channel's half-closure): the client
    /// reads EOF while it may go on writing.
    public func closeWrite() {
        self.outbound.finish()
    }

    /// Closes the connection both ways.
    public func close() async {
        try? await self.channel.close()
    }

    /// Resets the connection (a zero linger time makes the close an RST): the client's next
    /// read or write fails with `ECONNRESET` instead of reading EOF.
    public func reset() async {
        if let socket = self.channel as? any SocketOptionProvider {
            try? await socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await self.channel.close()
    }

    // MARK: Buffering

    private func takeBuffered() -> ByteBuffer {
        defer { self.buffered = ByteBuffer() }
        return self.buffered
    }

    /// Appends the next inbound bytes to `buffered`; `false` at EOF.
    private func readMore() async throws -> Bool {
        guard !self.sawEOF else { return false }
        guard var next = try await self.inbound.next() else {
            self.sawEOF = true
            return false
        }
        self.buffered.writeBuffer(&next)
        return true
    }

    /// Reads until `delimiter` is buffered and returns its offset from the reader index.
    /// At EOF: `nil` when `orEOFBeforeAnyByte` and nothing was buffered, an error otherwise.
    private func readUntil(_ delimiter: String, orEOFBeforeAnyByte: Bool = false) async throws -> Int? {
        let pattern = Array(delimiter.utf8)
        while true {
            if let range = self.buffered.readableBytesView.firstRange(of: pattern) {
                return range.lowerBound - self.buffered.readerIndex
            }
            guard try await self.readMore() else {
                if orEOFBeforeAnyByte && self.buffered.readableBytes == 0 { return nil }
                throw FakeHTTPServerError("EOF in the middle of a request (\(self.buffered.readableBytes) bytes buffered)")
            }
        }
    }

    private func readExactly(_ count: Int) async throws -> ByteBuffer {
        while self.buffered.readableBytes < count {
            guard try await self.readMore() else {
                throw FakeHTTPServerError("EOF after \(self.buffered.readableBytes) of \(count) body bytes")
            }
        }
        return self.buffered.readSlice(length: count)!
    }
}
