import NIOCore
import NIOHTTP1
import StevedoreTransport

/// The server side of one HTTP/2 stream of a BuildKit session, behind NIOHTTP2's HTTP/1 codec:
/// answers the request head with gRPC's response head, unframes the daemon's messages into
/// the call's ``GRPCServerCall/requests``, and runs the method's handler in a task of its own,
/// on the stream's event loop rather than Swift's shared pool: the daemon's health checks must
/// be answered even while that pool is busy (dockerd 20.10 drops a session after one check
/// unanswered for 10 s).
/// A handler that throws ends the call with gRPC status 2 (unknown) and its error.
final class GRPCServerStreamHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Runs one call to its end.
    typealias Method = @Sendable (GRPCServerCall) async throws -> Void

    private let methods: [String: Method]
    private var framer = GRPCMessageFramer()
    private var requests: AsyncThrowingStream<ByteBuffer, any Error>.Continuation?
    private var task: Task<Void, Never>?

    init(methods: [String: Method]) {
        self.methods = methods
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head):
            let headers: HTTPHeaders = ["content-type": "application/grpc"]
            context.writeAndFlush(
                self.wrapOutboundOut(.head(HTTPResponseHead(version: .http2, status: .ok, headers: headers))), promise: nil)
            guard let method = self.methods[head.uri] else {
                let trailers: HTTPHeaders = ["grpc-status": "12", "grpc-message": "\(head.uri) is not offered"]
                context.writeAndFlush(self.wrapOutboundOut(.end(trailers)), promise: nil)
                return
            }
            let (requests, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
            self.requests = continuation
            let call = GRPCServerCall(path: head.uri, metadata: head.headers, requests: requests, channel: context.channel)
            self.task = Task(executorPreference: EventLoopTaskExecutor(context.eventLoop)) {
                do {
                    try await method(call)
                } catch {
                    try? await call.finish(status: 2, message: "\(error)")
                }
            }
        case .body(let bytes):
            do {
                for message in try self.framer.messages(in: bytes) { self.requests?.yield(message) }
            } catch {
                self.requests?.finish(throwing: error)
                self.requests = nil
            }
        case .end:
            self.requests?.finish()
            self.requests = nil
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.requests?.finish(throwing: DockerError(category: .connection, message: "the daemon closed a session stream"))
        self.requests = nil
        self.task?.cancel()
        context.fireChannelInactive()
    }
}
