import NIOCore
import NIOEmbedded
import NIOHTTP1

@testable import StevedoreTransport

/// A connection's inbound side without a socket, for the `http-response` fuzz target: NIO's
/// response decoder and the transport's ``HijackBridgeHandler`` in an embedded channel, as
/// `HTTPConnection` builds a pipeline, feeding an ``HTTPConnectionStateMachine`` whose actions
/// are carried out as `HTTPConnectionHandler` carries them out (the decoder removed after a
/// `101`, the channel closed after a failure). Every action is checked against what a caller
/// may be told, and what it is told is kept so that runs can be compared.
///
/// The machine is run between reads, outside the pipeline's callbacks, on what reached the
/// pipeline's end in the order it got there: the same order as the handler sees it.
final class HTTPResponseReading {
    /// The request the bytes answer: the decoder needs its method (an answer to `HEAD` has no
    /// body), the state machine whether it asked for an upgrade.
    enum Request: CaseIterable {
        case get, head, upgrade
    }

    /// What the caller of an exchange is told, body bytes merged: what must not depend on how
    /// the bytes arrived.
    enum Seen: Equatable {
        case head(exchange: Int, status: UInt, rawMode: HTTPConnectionStateMachine.RawMode?)
        case body(exchange: Int, [UInt8])
        case raw(exchange: Int)
        case finished(exchange: Int, reusable: Bool)
        case failed(exchange: Int, HTTPTransportError.Code)
        case abandoned(exchange: Int)
    }

    /// The end of the pipeline, where the connection handler sits: it keeps what arrives, in
    /// order, for the reading to run through the state machine.
    final class Recorder: ChannelInboundHandler {
        typealias InboundIn = HTTPClientResponsePart

        enum Event {
            case part(HTTPClientResponsePart)
            case inputClosed
            case inactive
            case error(any Error)
        }

        var events: [Event] = []

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            self.events.append(.part(self.unwrapInboundIn(data)))
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if case .some(ChannelEvent.inputClosed) = event as? ChannelEvent { self.events.append(.inputClosed) }
        }

        func channelInactive(context: ChannelHandlerContext) {
            self.events.append(.inactive)
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            self.events.append(.error(error))
        }
    }

    private let channel = EmbeddedChannel()
    private let decoder = ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .forwardBytes))
    private let bridge = HijackBridgeHandler()
    private let recorder = Recorder()
    private var machine = HTTPConnectionStateMachine()
    private let request: Request
    /// Whether each request counts as sent as soon as its exchange starts; otherwise only when a
    /// disturbance says so (an answer that comes before the request is written is never reused).
    private let sendsRequestAtOnce: Bool
    /// Requests written but not yet started as exchanges. They are written ahead, all at once,
    /// so that whether an answer's bytes come before or after its request does not change the
    /// outcome. A hijack's connection carries one request only, as the transport makes it.
    private var requestsLeft: Int
    /// The current exchange's id, counting from 1.
    private var exchange = 0
    /// Whether the current exchange has not ended: its caller may still be told something.
    private var live = false
    private var status: UInt?
    private var rawEntered = false
    private var closed = false
    private var inputEnded = false
    private var seen: [Seen] = []

    private init(request: Request, sendsRequestAtOnce: Bool) {
        self.request = request
        self.sendsRequestAtOnce = sendsRequestAtOnce
        self.requestsLeft = request == .upgrade ? 1 : 3
        let head: HTTPRequestHead
        switch request {
        case .get: head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/containers/json")
        case .head: head = HTTPRequestHead(version: .http1_1, method: .HEAD, uri: "/_ping")
        case .upgrade:
            let headers: HTTPHeaders = ["Connection": "Upgrade", "Upgrade": "tcp"]
            head = HTTPRequestHead(version: .http1_1, method: .POST, uri: "/containers/x/attach?stream=1", headers: headers)
        }
        do {
            try self.channel.pipeline.syncOperations.addHandlers(self.decoder, self.bridge, self.recorder)
            // The decoder learns each request's method from the writes it sees.
            for _ in 0..<self.requestsLeft { try self.channel.writeOutbound(HTTPClientRequestPart.head(head)) }
        } catch {
            preconditionFailure("the embedded pipeline refused its setup: \(error)")
        }
        self.startNextExchange()
    }

    /// What the caller is told when the bytes of `pieces` answer `request`, read one piece
    /// after the other and then closed; with `disturbing`, each piece's last byte picks what
    /// happens after it is read (see ``disturb(_:)``).
    static func read(_ pieces: [ByteBuffer], answering request: Request, disturbing: Bool = false) -> [Seen] {
        let reading = HTTPResponseReading(request: request, sendsRequestAtOnce: !disturbing)
        for piece in pieces where !reading.closed && !reading.inputEnded {
            _ = try? reading.channel.writeInbound(piece)
            reading.drain()
            if disturbing, let byte = piece.readableBytesView.last { reading.disturb(byte) }
        }
        reading.close()
        reading.drain()
        _ = try? reading.channel.finish(acceptAlreadyClosed: true)
        return reading.seen
    }

    /// Something a consumer, a deadline or the peer may do between two reads, picked by `byte`
    /// (half the values do nothing).
    private func disturb(_ byte: UInt8) {
        guard !self.closed else { return }
        switch byte % 16 {
        case 0: self.machine.consumerStoppedDemand()
        case 1: self.perform(self.machine.consumerDemandsMore(id: self.exchange))
        case 2: self.perform(self.machine.readRequested())
        case 3: self.perform(self.machine.consumerTerminated(id: self.exchange))
        case 4: self.perform(self.machine.deadlineExceeded(id: self.exchange))
        case 5: self.perform(self.machine.requestSent(id: self.exchange))
        // A late event of the previous exchange, which must change nothing.
        case 6: self.perform(self.machine.consumerTerminated(id: self.exchange - 1))
        case 7:
            // The peer shut its side: the decoder sees it first, as in the pipeline; no read follows.
            self.inputEnded = true
            self.channel.pipeline.syncOperations.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        default: break
        }
        self.drain()
    }

    /// Runs what reached the pipeline's end through the state machine, including what carrying
    /// out its actions adds (the bytes a removed decoder forwards, the end of a closed channel).
    private func drain() {
        while !self.recorder.events.isEmpty {
            switch self.recorder.events.removeFirst() {
            case .part(.head(let head)): self.perform(self.machine.receivedHead(head))
            case .part(.body(let bytes)): self.perform(self.machine.receivedBodyPart(bytes))
            case .part(.end): self.perform(self.machine.receivedEnd())
            case .inputClosed: self.perform(self.machine.inputClosed())
            case .inactive: self.perform(self.machine.channelInactive())
            // The handler words the error by its type; which words does not matter here.
            case .error(let error): self.perform(self.machine.errorCaught(error as? HTTPTransportError ?? .malformedResponse("\(error)")))
            }
        }
    }

    /// Carries out `action` as the connection handler does, checking it against what the
    /// current exchange's caller has been told.
    private func perform(_ action: HTTPConnectionStateMachine.Action) {
        switch action {
        case .none, .read:
            break
        case .deliverHead(let head, let rawMode):
            precondition(self.live && self.status == nil, "a head delivered twice, or after its exchange ended")
            precondition(rawMode == nil || self.request == .upgrade, "a raw mode for a request that asked for no upgrade")
            self.status = head.status.code
            self.seen.append(.head(exchange: self.exchange, status: head.status.code, rawMode: rawMode))
        case .enterRawInbound:
            precondition(self.live && self.status == 101 && !self.rawEntered, "raw bytes entered twice, without a 101 or after the end")
            precondition(self.request == .upgrade, "raw bytes for a request that asked for no upgrade")
            self.rawEntered = true
            self.seen.append(.raw(exchange: self.exchange))
            // As the handler does: the bridge wraps raw bytes from now on, starting with those the
            // removed decoder forwards.
            self.bridge.switchToRaw()
            self.channel.pipeline.syncOperations.removeHandler(self.decoder, promise: nil)
            self.channel.embeddedEventLoop.run()
        case .yieldBody(let bytes):
            precondition(self.live, "body bytes delivered after their exchange ended")
            precondition(self.status != nil, "body bytes delivered before the head")
            if case .body(let exchange, let previous) = self.seen.last, exchange == self.exchange {
                self.seen[self.seen.count - 1] = .body(exchange: exchange, previous + bytes.readableBytesView)
            } else {
                self.seen.append(.body(exchange: self.exchange, Array(bytes.readableBytesView)))
            }
        case .finishExchange(let reusable, let closeConnection):
            precondition(self.live, "an exchange ended twice")
            // NIO's decoder parses nothing after a 101: a connection reused after one would never
            // read its next answer.
            precondition(
                !reusable || (!closeConnection && self.request != .upgrade && self.status != 101),
                "a connection that cannot carry another exchange was handed back for reuse")
            self.end(.finished(exchange: self.exchange, reusable: reusable))
            if closeConnection { self.close() }
            if reusable { self.startNextExchange() }
        case .failExchange(let error):
            precondition(self.live, "an exchange failed after it ended")
            self.end(.failed(exchange: self.exchange, error.code))
            self.close()
        case .closeConnection:
            if self.live { self.end(.abandoned(exchange: self.exchange)) }
            self.close()
        }
    }

    /// Starts the next request written ahead, if any, as the pool does on a reused connection.
    private func startNextExchange() {
        guard self.requestsLeft > 0 else { return }
        self.requestsLeft -= 1
        self.exchange += 1
        precondition(
            self.machine.startExchange(id: self.exchange, isUpgradeRequest: self.request == .upgrade),
            "a connection handed back for reuse refused the next request")
        self.live = true
        self.status = nil
        self.rawEntered = false
        if self.sendsRequestAtOnce { _ = self.machine.requestSent(id: self.exchange) }
    }

    private func end(_ last: Seen) {
        self.live = false
        self.seen.append(last)
    }

    private func close() {
        guard !self.closed else { return }
        self.closed = true
        self.channel.close(promise: nil)
        self.channel.embeddedEventLoop.run()
    }
}

@available(*, unavailable)
extension HTTPResponseReading: Sendable {}

extension [HTTPResponseReading.Seen] {
    /// What the caller was told up to the switch to raw bytes, that included.
    var untilRaw: [HTTPResponseReading.Seen] {
        for (index, seen) in self.enumerated() {
            if case .raw = seen { return Array(self[...index]) }
        }
        return self
    }
}
