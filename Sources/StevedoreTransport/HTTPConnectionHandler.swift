import NIOCore
import NIOHTTP1
import NIOSSL

/// The last handler of a connection's pipeline: it runs the ``HTTPConnectionStateMachine`` and
/// connects each exchange to its caller: a promise for the response head and an async sequence
/// producer for the body, whose backpressure holds back the channel's reads.
///
/// Every method runs on the channel's event loop.
final class HTTPConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    typealias BodyProducer = NIOThrowingAsyncSequenceProducer<
        ByteBuffer, any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, ResponseBodyDelegate
    >

    /// What the caller of the current exchange waits on.
    private struct ExchangeEnds {
        var head: EventLoopPromise<HTTPResponseHead>?
        var body: BodyProducer.Source
        var onEnd: (@Sendable (_ reusable: Bool) -> Void)?
        var deadline: Scheduled<Void>?
    }

    private var stateMachine = HTTPConnectionStateMachine()
    private var ends: ExchangeEnds?
    /// Body parts of the current read burst, yielded together when it ends (at
    /// `channelReadComplete`, or before the exchange ends): a waiting consumer is woken once per
    /// burst, not once per socket read or chunk, and gets the small parts joined
    /// (``BodyPartJoining``).
    private var unyieldedBody: [ByteBuffer] = []
    private var nextExchangeID = 0
    private var context: ChannelHandlerContext?

    private let encoder: HTTPRequestEncoder
    private let hijackWriter: HijackWriteHandler
    private let decoder: ByteToMessageHandler<HTTPResponseDecoder>
    private let bridge: HijackBridgeHandler

    init(
        encoder: HTTPRequestEncoder,
        hijackWriter: HijackWriteHandler,
        decoder: ByteToMessageHandler<HTTPResponseDecoder>,
        bridge: HijackBridgeHandler
    ) {
        self.encoder = encoder
        self.hijackWriter = hijackWriter
        self.decoder = decoder
        self.bridge = bridge
    }

    /// Adds a connection's HTTP handlers to `pipeline`, after any TLS handler, ending with the
    /// connection handler it returns: the request encoder and the raw writer, the response
    /// decoder (which passes on what follows a `101`) and the raw reader.
    static func install(in pipeline: ChannelPipeline.SynchronousOperations) throws -> HTTPConnectionHandler {
        let encoder = HTTPRequestEncoder()
        let hijackWriter = HijackWriteHandler()
        let decoder = ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .forwardBytes))
        let bridge = HijackBridgeHandler()
        let handler = HTTPConnectionHandler(encoder: encoder, hijackWriter: hijackWriter, decoder: decoder, bridge: bridge)
        try pipeline.addHandlers(encoder, hijackWriter, decoder, bridge, handler)
        return handler
    }

    /// Reserves the id of the next exchange, so that its body delegate can name it.
    func makeExchangeID() -> Int {
        self.nextExchangeID += 1
        return self.nextExchangeID
    }

    /// Starts exchange `id`. Returns `false` when the connection is busy or closed.
    func startExchange(
        id: Int,
        isUpgradeRequest: Bool,
        deadline: NIODeadline?,
        head: EventLoopPromise<HTTPResponseHead>,
        body: BodyProducer.Source,
        onEnd: @escaping @Sendable (_ reusable: Bool) -> Void
    ) -> Bool {
        guard let context = self.context, self.stateMachine.startExchange(id: id, isUpgradeRequest: isUpgradeRequest)
        else { return false }
        var ends = ExchangeEnds(head: head, body: body, onEnd: onEnd)
        if let deadline {
            ends.deadline = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
                self.run(self.stateMachine.deadlineExceeded(id: id))
            }
        }
        self.ends = ends
        return true
    }

    func requestSent(id: Int) {
        self.run(self.stateMachine.requestSent(id: id))
    }

    func consumerDemandsMore(id: Int) {
        // The demand the state machine weighs must include what is still to be yielded.
        self.yieldUnyieldedBody()
        self.run(self.stateMachine.consumerDemandsMore(id: id))
    }

    func consumerTerminated(id: Int) {
        self.run(self.stateMachine.consumerTerminated(id: id))
    }

    // MARK: ChannelHandler

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head): self.run(self.stateMachine.receivedHead(head))
        case .body(let bytes): self.run(self.stateMachine.receivedBodyPart(bytes))
        case .end: self.run(self.stateMachine.receivedEnd())
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        self.yieldUnyieldedBody()
        context.fireChannelReadComplete()
    }

    func read(context: ChannelHandlerContext) {
        self.yieldUnyieldedBody()
        self.run(self.stateMachine.readRequested())
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .some(ChannelEvent.inputClosed) = event as? ChannelEvent {
            self.run(self.stateMachine.inputClosed())
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.run(self.stateMachine.channelInactive())
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if HTTPTransportError.isPeerReset(error) {
            self.run(self.stateMachine.peerReset(HTTPTransportError(.io, "\(error)")))
            return
        }
        let transportError: HTTPTransportError
        switch error {
        case let error as HTTPTransportError: transportError = error
        // The decoder's complaint when the connection ends inside a message: the peer cut it short.
        case HTTPParserError.invalidEOFState: transportError = .connectionClosed()
        case let error as HTTPParserError: transportError = .malformedResponse("\(error)")
        case let error as NIOSSLError: transportError = HTTPTransportError(.tls, "\(error)")
        default: transportError = HTTPTransportError(.io, "\(error)")
        }
        self.run(self.stateMachine.errorCaught(transportError))
    }

    // MARK: Actions

    private func run(_ action: HTTPConnectionStateMachine.Action) {
        guard let context = self.context else { return }
        switch action {
        case .none, .yieldBody: break
        // Whatever else happens comes after the bytes that arrived before it.
        default: self.yieldUnyieldedBody()
        }
        switch action {
        case .none:
            break
        case .read:
            context.read()
        case .deliverHead(let head, let rawMode):
            if rawMode != nil {
                self.hijackWriter.switchToRaw()
                context.pipeline.syncOperations.removeHandler(self.encoder, promise: nil)
            }
            self.ends?.head?.succeed(head)
            self.ends?.head = nil
        case .enterRawInbound:
            self.bridge.switchToRaw()
            // With `.forwardBytes`, removing the decoder passes on the bytes that arrived after
            // the 101 head, in order, before any later read; the removal completes on a later
            // tick, and an EOF reaching the decoder before then would drop them.
            self.hijackWriter.holdEndOfInput()
            let removed = context.eventLoop.makePromise(of: Void.self)
            let hijackWriter = self.hijackWriter
            // The bytes the removal forwards come outside a read burst: no `channelReadComplete`
            // follows them.
            removed.futureResult.assumeIsolated().whenComplete { _ in
                self.yieldUnyieldedBody()
                hijackWriter.releaseEndOfInput()
            }
            context.pipeline.syncOperations.removeHandler(self.decoder, promise: removed)
        case .yieldBody(let bytes):
            self.unyieldedBody.append(bytes)
        case .finishExchange(let reusable, let closeConnection):
            // Release first: a caller woken by the body's end may send its next request at once,
            // and must find this connection back in the pool.
            let body = self.ends?.body
            self.endExchange(reusable: reusable)
            body?.finish()
            if closeConnection { context.close(promise: nil) }
        case .failExchange(let error):
            if let head = self.ends?.head {
                head.fail(error)
            }
            self.ends?.body.finish(error)
            self.endExchange(reusable: false)
            context.close(promise: nil)
        case .closeConnection:
            self.ends?.body.finish()
            self.endExchange(reusable: false)
            context.close(promise: nil)
        }
    }

    private func yieldUnyieldedBody() {
        guard !self.unyieldedBody.isEmpty else { return }
        defer { self.unyieldedBody.removeAll(keepingCapacity: true) }
        let parts =
            self.unyieldedBody.count > 1
            ? BodyPartJoining.joiningSmallParts(self.unyieldedBody, allocator: self.context?.channel.allocator ?? ByteBufferAllocator())
            : self.unyieldedBody
        if self.ends?.body.yield(contentsOf: parts) == .stopProducing {
            self.stateMachine.consumerStoppedDemand()
        }
    }

    private func endExchange(reusable: Bool) {
        guard let ends = self.ends else { return }
        self.ends = nil
        ends.deadline?.cancel()
        ends.onEnd?(reusable)
    }
}

@available(*, unavailable)
extension HTTPConnectionHandler: Sendable {}

/// Tells the connection handler, on its event loop, what the body's consumer does.
struct ResponseBodyDelegate: NIOAsyncSequenceProducerDelegate {
    let exchangeID: Int
    let handler: NIOLoopBound<HTTPConnectionHandler>

    func produceMore() {
        let id = self.exchangeID
        let handler = self.handler
        handler.eventLoop.execute { handler.value.consumerDemandsMore(id: id) }
    }

    func didTerminate() {
        let id = self.exchangeID
        let handler = self.handler
        handler.eventLoop.execute { handler.value.consumerTerminated(id: id) }
    }
}
