import NIOCore
import NIOHTTP1

/// One gRPC call the daemon makes on a BuildKit session, as its method's handler sees it: the
/// request's metadata, the messages the daemon sends, and a way to answer.
struct GRPCServerCall: Sendable {
    /// The method: `/grpc.health.v1.Health/Check`, `/moby.filesync.v1.FileSync/DiffCopy`.
    let path: String
    /// The request's headers: gRPC metadata (`dir-name`, `include-patterns`…).
    let metadata: HTTPHeaders
    /// The daemon's messages, unframed; ends when the daemon ends its side.
    let requests: AsyncThrowingStream<ByteBuffer, any Error>
    /// The HTTP/2 stream of the call.
    let channel: any Channel

    /// The request of a unary call: its one message. Throws
    /// ``DockerError/Category/malformedResponse`` when the daemon sent none.
    func request() async throws -> ByteBuffer {
        var iterator = self.requests.makeAsyncIterator()
        guard let message = try await iterator.next() else {
            throw DockerError.malformedResponse("the daemon sent no request on \(self.path)")
        }
        return message
    }

    /// Sends one message; returns once it was written, so that a sender goes at the daemon's pace.
    func send(_ message: some Collection<UInt8>) async throws {
        try await self.channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(GRPCMessageFramer.frame(message)))).get()
    }

    /// Ends the call with gRPC status `status` (0: OK) and `message`.
    func finish(status: Int = 0, message: String? = nil) async throws {
        var trailers: HTTPHeaders = ["grpc-status": String(status)]
        if let message { trailers.add(name: "grpc-message", value: message) }
        try await self.channel.writeAndFlush(HTTPServerResponsePart.end(trailers)).get()
    }
}
