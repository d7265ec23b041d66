import NIOCore
import NIOHTTP1

/// The response side of the HTTP/1.1 exchanges on one connection, as a plain value: the
/// ``HTTPConnectionHandler`` feeds it what the channel does and performs the action it returns.
/// It has no I/O, so every path, including the upgrade to a raw duplex, is tested without a
/// socket.
///
/// One exchange at a time (no pipelining): a request starts an exchange, its response head is
/// delivered once, its body is streamed with backpressure, and the exchange ends exactly once:
/// finished (reusable or not), failed, or abandoned by its consumer.
struct HTTPConnectionStateMachine {
    /// How an upgraded exchange continues after its response head.
    enum RawMode: Equatable {
        /// `101`: the HTTP decoder stops; the bytes after the head, and everything after, are raw.
        case upgraded
        /// `200` to an upgrade request (older daemons): the body is read until EOF through the
        /// HTTP decoder; only the write side becomes raw.
        case rawBodyUntilEOF
    }

    struct Exchange: Equatable {
        var id: Int
        var isUpgradeRequest: Bool
        var requestComplete: Bool = false
        var keepAlive: Bool = false
        var rawMode: RawMode? = nil
    }

    enum State: Equatable {
        case idle
        case waitingForHead(Exchange)
        case streamingBody(Exchange)
        case closed
    }

    enum Action: Equatable {
        case none
        /// Forward the `read()` that was asked for to the channel.
        case read
        /// Hand the head to the waiting caller; with a raw mode, make the write side raw first.
        case deliverHead(HTTPResponseHead, rawMode: RawMode?)
        /// The HTTP message of a `101` ended: from here on inbound bytes are raw.
        case enterRawInbound
        /// Pass body bytes to the consumer.
        case yieldBody(ByteBuffer)
        /// The exchange ended well. Not reusable: close the connection (`closeConnection`), or
        /// for a half-closed raw duplex, keep writing until the caller closes.
        case finishExchange(reusable: Bool, closeConnection: Bool)
        /// The exchange failed: fail the head or the body, and close the connection.
        case failExchange(HTTPTransportError)
        /// The consumer is gone before the end: close the connection, nothing to tell.
        case closeConnection
    }

    private(set) var state: State = .idle
    /// Whether the body's consumer wants more: `false` after the consumer's buffer is full.
    private var consumerHasDemand = true
    /// A `read()` held back while the consumer had no demand.
    private var readPending = false

    var isIdle: Bool { self.state == .idle }

    /// A request starts on this connection. Only valid when idle.
    mutating func startExchange(id: Int, isUpgradeRequest: Bool) -> Bool {
        guard case .idle = self.state else { return false }
        self.state = .waitingForHead(Exchange(id: id, isUpgradeRequest: isUpgradeRequest))
        self.consumerHasDemand = true
        self.readPending = false
        return true
    }

    /// The whole request, body included, was written.
    mutating func requestSent(id: Int) -> Action {
        switch self.state {
        case .waitingForHead(var exchange) where exchange.id == id:
            exchange.requestComplete = true
            self.state = .waitingForHead(exchange)
        case .streamingBody(var exchange) where exchange.id == id:
            exchange.requestComplete = true
            self.state = .streamingBody(exchange)
        default:
            break
        }
        return .none
    }

    mutating func receivedHead(_ head: HTTPResponseHead) -> Action {
        guard case .waitingForHead(var exchange) = self.state else {
            return self.fail(.malformedResponse("a response arrived with no request waiting for it"))
        }
        // NIO's decoder stops parsing after a `101` with its upgrade headers: the answer to an
        // ordinary request would end "reusable" and the next request on it would never be read.
        guard head.status.code != 101 || exchange.isUpgradeRequest else {
            return self.fail(.malformedResponse("a 101 answered a request that asked for no upgrade"))
        }
        exchange.keepAlive = head.isKeepAlive
        if exchange.isUpgradeRequest {
            switch head.status.code {
            case 101: exchange.rawMode = .upgraded
            case 200: exchange.rawMode = .rawBodyUntilEOF
            default: break  // an error answer: an ordinary response, on a connection that is not reused
            }
        }
        self.state = .streamingBody(exchange)
        return .deliverHead(head, rawMode: exchange.rawMode)
    }

    mutating func receivedBodyPart(_ buffer: ByteBuffer) -> Action {
        guard case .streamingBody = self.state else {
            if case .closed = self.state { return .none }
            return self.fail(.malformedResponse("body bytes arrived outside a response"))
        }
        return .yieldBody(buffer)
    }

    mutating func receivedEnd() -> Action {
        guard case .streamingBody(let exchange) = self.state else {
            if case .closed = self.state { return .none }
            return self.fail(.malformedResponse("a response ended that never started"))
        }
        if exchange.rawMode == .upgraded {
            // The decoder ends the HTTP message right after the 101 head and stops parsing; the
            // raw stream goes on as the same exchange's body.
            return .enterRawInbound
        }
        let reusable = exchange.keepAlive && exchange.requestComplete && !exchange.isUpgradeRequest
        self.state = reusable ? .idle : .closed
        return .finishExchange(reusable: reusable, closeConnection: !reusable)
    }

    /// The consumer's buffer is above its high watermark.
    mutating func consumerStoppedDemand() {
        self.consumerHasDemand = false
    }

    /// The consumer of exchange `id` drained its buffer below the low watermark.
    mutating func consumerDemandsMore(id: Int) -> Action {
        guard case .streamingBody(let exchange) = self.state, exchange.id == id else { return .none }
        self.consumerHasDemand = true
        if self.readPending {
            self.readPending = false
            return .read
        }
        return .none
    }

    /// The pipeline asks to read from the socket.
    mutating func readRequested() -> Action {
        if case .streamingBody = self.state, !self.consumerHasDemand {
            self.readPending = true
            return .none
        }
        return .read
    }

    /// The consumer of exchange `id` stopped iterating (or dropped the body) before its end.
    mutating func consumerTerminated(id: Int) -> Action {
        switch self.state {
        case .waitingForHead(let exchange) where exchange.id == id,
            .streamingBody(let exchange) where exchange.id == id:
            self.state = .closed
            return .closeConnection
        default:
            return .none
        }
    }

    /// The deadline of exchange `id` passed.
    mutating func deadlineExceeded(id: Int) -> Action {
        switch self.state {
        case .waitingForHead(let exchange) where exchange.id == id,
            .streamingBody(let exchange) where exchange.id == id:
            return self.fail(.deadlineExceeded)
        default:
            return .none
        }
    }

    /// The peer shut its write side while ours stays open (remote half-closure).
    mutating func inputClosed() -> Action {
        if case .streamingBody(let exchange) = self.state, exchange.rawMode == .upgraded {
            self.state = .closed
            return .finishExchange(reusable: false, closeConnection: false)
        }
        return self.channelInactive()
    }

    mutating func channelInactive() -> Action {
        switch self.state {
        case .idle, .closed:
            self.state = .closed
            return .none
        case .waitingForHead:
            return self.fail(.closedBeforeAnswering)
        case .streamingBody(let exchange):
            if exchange.rawMode == .upgraded {
                self.state = .closed
                return .finishExchange(reusable: false, closeConnection: false)
            }
            return self.fail(.connectionClosed())
        }
    }

    mutating func errorCaught(_ error: HTTPTransportError) -> Action {
        self.fail(error)
    }

    /// The peer reset the connection (`ECONNRESET`). On a raw duplex this is how the daemon's
    /// close reads when it leaves some of our stdin unread (a process that ended without reading
    /// all its input): the kernel hands over every byte sent before the close and then reports
    /// the reset where it would report EOF. It ends the output as that close would; any other
    /// exchange fails with `error`.
    mutating func peerReset(_ error: HTTPTransportError) -> Action {
        if case .streamingBody(let exchange) = self.state, exchange.rawMode != nil {
            self.state = .closed
            return .finishExchange(reusable: false, closeConnection: true)
        }
        return self.fail(error)
    }

    private mutating func fail(_ error: HTTPTransportError) -> Action {
        switch self.state {
        case .waitingForHead, .streamingBody:
            self.state = .closed
            return .failExchange(error)
        case .idle, .closed:
            self.state = .closed
            return .closeConnection
        }
    }
}
