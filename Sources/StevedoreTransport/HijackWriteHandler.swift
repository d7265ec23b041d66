import NIOCore
import NIOHTTP1

/// Sits between the HTTP encoder and decoder and covers the two things the codec gets wrong
/// around a hijack:
///
/// - Writes: once a hijack is answered (`101` or `200`) it turns outbound `.body` parts into raw
///   bytes, in place of the removed encoder. It must sit below the decoder: after a `200` the
///   decoder stays to read the body until EOF and observes every write as an
///   `HTTPClientRequestPart`, so raw `IOData` must not pass through it.
/// - EOF after a `101`: the decoder's removal completes on a later event-loop tick, and if the
///   peer's EOF reaches the decoder first it drops the bytes that came after the head (it only
///   forwards them on a removal without EOF). Between ``holdEndOfInput()`` and
///   ``releaseEndOfInput()`` this handler keeps `inputClosed` and `channelInactive` back, and
///   a reset (`ECONNRESET`), which ends a raw duplex as EOF does.
final class HijackWriteHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = IOData

    private var isRaw = false
    private var holdingEndOfInput = false
    private var heldInputClosed = false
    private var heldInactive = false
    private var heldReset: (any Error)?

    /// From now on `.body` parts are written as raw bytes; call before removing the encoder.
    func switchToRaw() {
        self.isRaw = true
    }

    /// Keeps the end of input back until ``releaseEndOfInput()``.
    func holdEndOfInput() {
        self.holdingEndOfInput = true
    }

    /// Passes on the end of input that arrived while it was held.
    func releaseEndOfInput(context: ChannelHandlerContext) {
        self.holdingEndOfInput = false
        if let reset = self.heldReset {
            self.heldReset = nil
            context.fireErrorCaught(reset)
        }
        if self.heldInputClosed {
            self.heldInputClosed = false
            context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        }
        if self.heldInactive {
            self.heldInactive = false
            context.fireChannelInactive()
        }
    }

    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// ``releaseEndOfInput(context:)`` from outside a pipeline callback.
    func releaseEndOfInput() {
        if let context = self.context { self.releaseEndOfInput(context: context) }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if self.holdingEndOfInput, case .some(ChannelEvent.inputClosed) = event as? ChannelEvent {
            self.heldInputClosed = true
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if self.holdingEndOfInput, HTTPTransportError.isPeerReset(error) {
            self.heldReset = error
            return
        }
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if self.holdingEndOfInput {
            self.heldInactive = true
            return
        }
        context.fireChannelInactive()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard self.isRaw else {
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
