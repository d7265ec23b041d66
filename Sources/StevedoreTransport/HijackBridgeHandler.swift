import NIOCore
import NIOHTTP1

/// Sits between the HTTP codec and the ``HTTPConnectionHandler`` so that the connection handler
/// sees one message type before and after an upgrade.
///
/// After a `101` the HTTP decoder and encoder are removed from the pipeline; this handler then
/// wraps raw inbound bytes as `.body` parts (the decoder forwards the bytes that arrived with
/// the response head when it is removed, so none are lost) and unwraps outbound `.body` parts to
/// raw bytes. After a `200` to an upgrade request only the write side becomes raw.
final class HijackBridgeHandler: ChannelDuplexHandler, RemovableChannelHandler {
    // Before the switch, inbound HTTP parts pass through untouched (never unwrapped); after it,
    // everything inbound is a `ByteBuffer`.
    typealias InboundIn = ByteBuffer
    typealias InboundOut = HTTPClientResponsePart
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = IOData

    private var rawInbound = false
    private var rawOutbound = false

    /// Raw bytes from now on, both ways. Call before the HTTP decoder is removed.
    func switchToRaw(inbound: Bool) {
        self.rawInbound = inbound
        self.rawOutbound = true
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if self.rawInbound {
            context.fireChannelRead(self.wrapInboundOut(.body(self.unwrapInboundIn(data))))
        } else {
            context.fireChannelRead(data)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard self.rawOutbound else {
            context.write(data, promise: promise)
            return
        }
        switch self.unwrapOutboundIn(data) {
        case .body(let bytes):
            context.write(self.wrapOutboundOut(bytes), promise: promise)
        case .head, .end:
            promise?.fail(HTTPTransportError(.io, "an HTTP message part was written to a raw connection"))
        }
    }
}
