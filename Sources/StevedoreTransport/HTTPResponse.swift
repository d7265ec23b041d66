import NIOCore
import NIOHTTP1

/// A response whose head has arrived and whose body is still being read.
public struct HTTPResponse: Sendable {
    /// Status, version and header fields.
    public var head: HTTPResponseHead
    /// The body, read from the connection as it is consumed.
    public var body: HTTPResponseBody

    public var status: HTTPResponseStatus { self.head.status }
    public var headers: HTTPHeaders { self.head.headers }
}

/// A response body as an `AsyncSequence` of the buffers read from the socket.
///
/// Backpressure: when the consumer falls behind, the connection stops reading from the socket.
/// The body owns its connection until the last byte is read: iterating to the end returns a
/// kept-alive connection to the pool; dropping the body or its iterator before the end, or
/// cancelling the iterating task, closes the connection. Only one iterator may be made.
public struct HTTPResponseBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    let producer: HTTPConnectionHandler.BodyProducer

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: self.producer.makeAsyncIterator())
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: HTTPConnectionHandler.BodyProducer.AsyncIterator

        public mutating func next() async throws -> ByteBuffer? {
            try await self.base.next()
        }
    }

    /// Reads the whole body into one buffer, failing with ``HTTPTransportError/Code/bodyTooLarge``
    /// past `maxBytes` (the connection is then closed, not drained).
    public func collect(upTo maxBytes: Int) async throws -> ByteBuffer {
        var collected = ByteBuffer()
        for try await var part in self {
            guard collected.readableBytes + part.readableBytes <= maxBytes else {
                throw HTTPTransportError.bodyTooLarge(limit: maxBytes)
            }
            collected.writeBuffer(&part)
        }
        return collected
    }
}
