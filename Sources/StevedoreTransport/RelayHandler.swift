import NIOCore
import NIOSSL

/// One end of a byte relay between two channels: what one reads, the other writes, with
/// backpressure (a side reads only while its partner can write) and half-closure (EOF on one
/// side shuts the other's output, so a request's end reaches the daemon while its answer still
/// flows back). Neither side is closed before what it was given to write has been written.
/// A side that fails (a reset, a write its peer no longer takes) keeps its error in ``failure``.
final class RelayHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var partner: RelayHandler?
    private var context: ChannelHandlerContext?
    private var pendingRead = false
    /// The first error this side's channel raised, or a write to it failed with: the relay
    /// ended early, and its bytes may be cut.
    private(set) var failure: (any Error)?

    /// Two handlers that relay to each other; add one to each channel's pipeline. Both channels
    /// must be on the same event loop.
    static func pair() -> (RelayHandler, RelayHandler) {
        let first = RelayHandler()
        let second = RelayHandler()
        first.partner = second
        second.partner = first
        return (first, second)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        self.partner = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.partner?.partnerWrite(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        self.partner?.context?.flush()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .some(ChannelEvent.inputClosed) = event as? ChannelEvent {
            self.partner?.closeAfterPendingWrites(mode: .output)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.partner?.closeAfterPendingWrites(mode: .all)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
        // A TLS peer that closes without close_notify ends its stream as Go's TLS sees it: EOF.
        if case NIOSSLError.uncleanShutdown = error { return }
        self.failure = self.failure ?? error
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { self.partner?.resumeReading() }
        context.fireChannelWritabilityChanged()
    }

    func read(context: ChannelHandlerContext) {
        if self.partner?.context?.channel.isWritable ?? true {
            context.read()
        } else {
            self.pendingRead = true
        }
    }

    /// Closes this side (its output, or all of it) once every write before has been written.
    ///
    /// A channel closed whole fails the writes still queued, and so does one closed for output
    /// after its input ended (NIO makes that a full close): those are the last bytes of the
    /// stream, typically the daemon's answer on its way to standard output as the daemon hangs
    /// up after our stdin ended. An empty write's promise completes after the writes before it.
    private func closeAfterPendingWrites(mode: CloseMode) {
        guard let context = self.context else { return }
        let channel = context.channel
        context.writeAndFlush(self.wrapOutboundOut(ByteBuffer())).whenComplete { _ in
            channel.close(mode: mode, promise: nil)
        }
    }

    /// A failed write closes the channel without an ``errorCaught(context:error:)``: its
    /// promise is the only report.
    private func partnerWrite(_ data: NIOAny) {
        guard let context = self.context else { return }
        let promise = context.eventLoop.makePromise(of: Void.self)
        promise.futureResult.assumeIsolated().whenFailure { error in
            // Writes after a close that ends the relay anyway (the partner's) fail for that
            // reason alone; what failed the channel was kept where it happened.
            guard !(error is ChannelError) else { return }
            self.failure = self.failure ?? error
        }
        context.write(data, promise: promise)
    }

    private func resumeReading() {
        guard self.pendingRead, let context = self.context else { return }
        self.pendingRead = false
        context.read()
    }
}
