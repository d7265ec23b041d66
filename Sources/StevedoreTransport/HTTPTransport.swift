import NIOCore
import NIOHTTP1
import NIOPosix

/// HTTP/1.1 to one target over SwiftNIO: pooled kept-alive requests with streamed bodies both
/// ways, and requests that take over their connection as a raw duplex (attach, exec).
///
/// It knows sockets and HTTP, not the Docker API. Call ``shutdown()`` when done; requests
/// after it fail with ``HTTPTransportError/Code/shutdown``.
public final class HTTPTransport: Sendable {
    /// Where connections go.
    public let target: ConnectionTarget
    /// Timeouts and pool limits.
    public let configuration: HTTPTransportConfiguration
    private let pool: ConnectionPool
    /// Runs a task's jobs on the event loop of the pooled connections.
    ///
    /// A task that prefers it (`withTaskExecutorPreference`) while it sends a request and reads
    /// the response does the whole exchange on the loop's thread: two thread hand-offs, in and
    /// out, instead of one per step (write, head, body demand, release). What runs under the
    /// preference must not block the loop: reading a body is what it is for.
    public let taskExecutor: EventLoopTaskExecutor

    /// A transport on `eventLoopGroup`; by default NIO's shared singleton group, which lives as
    /// long as the process. The transport's connections, pooled and hijacked, share one loop of
    /// the group (one thread per transport is plenty for a daemon's answers, and it lets one
    /// ``taskExecutor`` serve them all).
    public init(
        target: ConnectionTarget,
        configuration: HTTPTransportConfiguration = .init(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.target = target
        self.configuration = configuration
        let eventLoop = eventLoopGroup.next()
        self.pool = ConnectionPool(target: target, configuration: configuration, eventLoop: eventLoop)
        self.taskExecutor = EventLoopTaskExecutor(eventLoop)
    }

    /// Sends `request` on a pooled connection and returns when the response head has arrived.
    /// The body is read as the caller iterates it (see ``HTTPResponseBody`` for who closes what).
    public func execute(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await self.pool.execute(request)
    }

    /// Sends `request` with `Connection: Upgrade` and `Upgrade: <upgradeProtocol>` (default
    /// `tcp`, Docker's raw stream; `websocket` with the caller's `Sec-WebSocket-*` headers for a
    /// websocket, framed by the caller) on a connection of its own.
    ///
    /// On `101` or `200` the connection becomes a ``HijackedConnection``: the HTTP codec leaves
    /// the pipeline and the bytes that came with the head are the first of its output. Any other
    /// status is returned as `.refused` with its ordinary response (e.g. a JSON error).
    public func hijack(_ request: HTTPRequest, upgradeProtocol: String = "tcp") async throws -> HijackOutcome {
        var request = request
        request.headers.replaceOrAdd(name: "Connection", value: "Upgrade")
        request.headers.replaceOrAdd(name: "Upgrade", value: upgradeProtocol)
        let connection = try await HTTPConnection.connect(
            id: try self.pool.makeDetachedConnectionID(),
            to: self.target,
            on: self.pool.eventLoop,
            connectTimeout: self.configuration.connectTimeout,
            allowHalfClosure: true
        )
        do {
            try self.pool.checkDetachedConnectionEstablished(connection)
            let response = try await connection.execute(request, isUpgradeRequest: true) { _ in }
            switch response.status.code {
            case 101, 200:
                return .upgraded(HijackedConnection(head: response.head, output: response.body, channel: connection.channel))
            default:
                return .refused(response)
            }
        } catch {
            connection.close()
            throw error
        }
    }

    /// How a hijack request was answered.
    public enum HijackOutcome: Sendable {
        /// The connection is now a raw duplex.
        case upgraded(HijackedConnection)
        /// The daemon answered with an ordinary response (an error); its connection closes when
        /// the body has been read.
        case refused(HTTPResponse)
    }

    /// Closes idle connections and fails waiting requests, and requests whose connection is still
    /// being opened; running exchanges finish on their own.
    public func shutdown() {
        self.pool.shutdown()
    }

    /// The counts of idle, leased and connecting pooled connections and of waiting requests.
    public var poolCounts: (idle: Int, leased: Int, connecting: Int, waiting: Int) {
        self.pool.counts
    }
}
