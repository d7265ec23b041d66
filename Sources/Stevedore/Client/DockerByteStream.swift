import NIOCore
import NIOHTTP1
import StevedoreTransport

/// A raw byte body from the daemon (an exported container, an archive), delivered as it is
/// read from the socket and never held whole.
///
/// Backpressure: the connection reads only as fast as the consumer iterates. Iterating to the
/// end returns the connection to the pool; leaving the loop early, dropping the stream or
/// cancelling the task closes it. Transport failures surface as ``DockerError``s (a cut body is
/// ``DockerError/Category/connection``, never a silent short result). Only one iterator may be
/// made.
public struct DockerByteStream: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    let body: HTTPResponseBody
    let host: DockerHost

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: self.body.makeAsyncIterator(), host: self.host)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: HTTPResponseBody.AsyncIterator
        let host: DockerHost

        public mutating func next() async throws -> ByteBuffer? {
            do {
                return try await self.base.next()
            } catch {
                throw DockerError.wrapping(error, host: self.host)
            }
        }
    }

    /// The same chunks as byte arrays, for code that does not use SwiftNIO's `ByteBuffer`
    /// (each chunk is copied once).
    public var byteArrays: AsyncMapSequence<DockerByteStream, [UInt8]> {
        self.map { Array($0.readableBytesView) }
    }

    /// Reads the whole body into memory; throws ``DockerError/Category/malformedResponse`` past
    /// `maxBytes`. For bodies known to be small; stream anything else.
    public func collect(upTo maxBytes: Int) async throws -> ByteBuffer {
        do {
            return try await self.body.collect(upTo: maxBytes)
        } catch {
            throw DockerError.wrapping(error, host: self.host)
        }
    }
}

extension DockerClient {
    /// Sends `request` (no deadline: a body may take long to read) and returns its body as a
    /// ``DockerByteStream``, with the response headers for endpoints that put data there.
    func byteStream(_ request: DockerRequest) async throws -> (headers: HTTPHeaders, stream: DockerByteStream) {
        var request = request
        request.isStream = true
        let response = try await self.send(request)
        return (response.headers, DockerByteStream(body: response.body, host: self.configuration.host))
    }
}
