import NIOCore
import NIOHTTP1

/// Sits between the HTTP decoder and the ``HTTPConnectionHandler`` so that the connection handler
/// sees one message type before and after an upgrade.
///
/// After a `101` the HTTP decoder is removed from the pipeline; this handler then wraps raw
/// inbound bytes as `.body` parts (the decoder forwards the bytes that arrived with the response
/// head when it is removed, so none are lost). The write side, and holding back the EOF until
/// the decoder is gone, are ``HijackWriteHandler``'s.
final class HijackBridgeHandler: ChannelInboundHandler, RemovableChannelHandler {
    // Before the switch, inbound HTTP parts pass through untouched (never unwrapped); after it,
    // everything inbound is a `ByteBuffer`.
    typealias InboundIn = ByteBuffer
    typealias InboundOut = HTTPClientResponsePart

    private var rawInbound = false

    /// Raw inbound bytes from now on. Call before the HTTP decoder is removed.
    func switchToRaw() {
        self.rawInbound = true
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if self.rawInbound {
            context.fireChannelRead(self.wrapInboundOut(.body(self.unwrapInboundIn(data))))
        } else {
            context.fireChannelRead(data)
        }
    }
}
