import NIOCore
import NIOSSL
import NIOTLS

/// Completes `handshake` when the TLS handshake of its channel is done, and fails it with the
/// reason when it is not, so that a connection counts as established only once it can carry
/// requests: a refused certificate is then a connect failure naming TLS, not a request that
/// found its connection closed.
final class TLSHandshakeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    let handshake: EventLoopPromise<Void>

    init(handshake: EventLoopPromise<Void>) {
        self.handshake = handshake
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .some(TLSUserEvent.handshakeCompleted) = event as? TLSUserEvent {
            self.handshake.succeed()
            context.pipeline.syncOperations.removeHandler(self, promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.handshake.fail(HTTPTransportError(.tls, "\(error)"))
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.handshake.fail(HTTPTransportError(.tls, "the peer closed the connection during the TLS handshake"))
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        // Removed before the handshake ended only when the channel is torn down.
        self.handshake.fail(HTTPTransportError(.tls, "the connection was closed during the TLS handshake"))
    }
}
