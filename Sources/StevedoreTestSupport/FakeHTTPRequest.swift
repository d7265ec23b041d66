import NIOCore
import NIOHTTP1

/// One request as a ``FakeHTTPConnection`` read it off the wire: what the client under test
/// really sent, framing headers included.
public struct FakeHTTPRequest: Sendable {
    /// The method, e.g. `.GET`.
    public var method: HTTPMethod
    /// The request target as sent: path and query.
    public var target: String
    /// The header fields, in the order they were sent.
    public var headers: HTTPHeaders
    /// The body, decoded from its `Content-Length` or chunked framing; empty when there is none.
    public var body: ByteBuffer
    /// Whether the body came with `Transfer-Encoding: chunked`.
    public var wasChunked: Bool
}
