import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One HTTP/1.1 connection, running one exchange at a time.
///
/// Made by ``ConnectionPool`` for ordinary requests, or alone for a request that upgrades the
/// connection to a raw duplex (attach, exec), which is never returned to a pool.
final class HTTPConnection: Sendable {
    /// Distinguishes connections within one pool.
    let id: Int
    let channel: any Channel
    private let handler: NIOLoopBound<HTTPConnectionHandler>
    private let target: ConnectionTarget
    /// The program the connection runs through, for a `.command` target.
    private let process: ConnectionProcess?

    private init(
        id: Int, channel: any Channel, handler: NIOLoopBound<HTTPConnectionHandler>, target: ConnectionTarget, process: ConnectionProcess?
    ) {
        self.id = id
        self.channel = channel
        self.handler = handler
        self.target = target
        self.process = process
    }

    /// Opens a connection to `target`. With `allowHalfClosure`, the peer's EOF does not close
    /// our write side (needed by a raw duplex, whose input goes on after the output ends).
    static func connect(
        id: Int,
        to target: ConnectionTarget,
        on eventLoop: any EventLoop,
        connectTimeout: TimeAmount,
        allowHalfClosure: Bool,
        resolver: (any Resolver & Sendable)? = nil
    ) async throws -> HTTPConnection {
        // Completed once the connection can carry requests: at once in plain text, after the
        // handshake with TLS. The connect timeout bounds the handshake too: a port that accepts
        // and then never answers (a stuck daemon, a proxy) must not hang a request that has no
        // deadline of its own.
        let ready = eventLoop.makePromise(of: Void.self)
        let setupDeadline = eventLoop.scheduleTask(in: connectTimeout) { ready.fail(ChannelError.connectTimeout(connectTimeout)) }
        ready.futureResult.whenComplete { _ in setupDeadline.cancel() }
        // Each channel's own handshake: a host name with several addresses makes a channel per
        // attempt (happy eyeballs), and a losing attempt's teardown must not fail the winner's.
        let handshakes = NIOLockedValueBox<[(channel: any Channel, handshake: EventLoopFuture<Void>)]>([])
        let initializer: @Sendable (any Channel) -> EventLoopFuture<Void> = { channel in
            channel.eventLoop.makeCompletedFuture {
                if case .tcp(_, _, let tls?) = target.kind {
                    let tlsHandler = try NIOSSLClientHandler(context: tls.context, serverHostname: tls.serverHostname)
                    let handshake = channel.eventLoop.makePromise(of: Void.self)
                    handshakes.withLockedValue { $0.append((channel, handshake.futureResult)) }
                    do {
                        try channel.pipeline.syncOperations.addHandlers(tlsHandler, TLSHandshakeHandler(handshake: handshake))
                    } catch {
                        handshake.fail(error)
                        throw error
                    }
                } else {
                    ready.succeed()
                }
                _ = try HTTPConnectionHandler.install(in: channel.pipeline.syncOperations)
            }
        }
        var process: ConnectionProcess?
        do {
            let channel: any Channel
            switch target.kind {
            case .unixSocket(let path):
                channel = try await Self.socketBootstrap(eventLoop, connectTimeout, allowHalfClosure, initializer)
                    .connect(unixDomainSocketPath: path).get()
            case .tcp(let host, let port, let tls):
                let connecting = Self.socketBootstrap(eventLoop, connectTimeout, allowHalfClosure, initializer)
                    .resolver(resolver).connect(host: host, port: port)
                // Followed on the loop as soon as the attempt that answered is known, not once
                // this task resumes: a busy machine's late resumption must not count against
                // the setup deadline (a plain connection's setup is done in its initializer).
                if tls != nil {
                    connecting.whenSuccess { channel in
                        handshakes.withLockedValue { $0.first { $0.channel === channel }?.handshake }?.cascade(to: ready)
                    }
                }
                channel = try await connecting.get()
            case .command(let executable, let arguments):
                let launched = try await ConnectionProcess.launch(executable: executable, arguments: arguments)
                process = launched
                channel = try await NIOPipeBootstrap(group: eventLoop)
                    .channelOption(.allowRemoteHalfClosure, value: allowHalfClosure)
                    .channelInitializer(initializer)
                    .takingOwnershipOfDescriptors(input: launched.inputDescriptor, output: launched.outputDescriptor).get()
                channel.closeFuture.whenComplete { _ in launched.terminate() }
            }
            do {
                try await ready.futureResult.get()
            } catch {
                channel.close(promise: nil)
                throw error
            }
            let handler = try await channel.eventLoop.submit {
                // Only a closed channel has lost its handler: the peer closed at once (a program
                // that exited, an ssh that was refused).
                guard let handler = try? channel.pipeline.syncOperations.handler(type: HTTPConnectionHandler.self) else {
                    throw HTTPTransportError.connectionClosed("\(target) closed the connection before it was ready")
                }
                return NIOLoopBound(handler, eventLoop: channel.eventLoop)
            }.get()
            return HTTPConnection(id: id, channel: channel, handler: handler, target: target, process: process)
        } catch {
            // A connect that failed before the initializer ran leaves `ready` open.
            ready.fail(error)
            // Ended first (what it writes until it exits is still read): a program that still
            // runs would otherwise make the wait for its word below last.
            process?.terminate()
            // A program that ended during the setup (ssh refusing the login) closed the pipes
            // under it, which fails the setup with whatever step came next: what it said on
            // its standard error is the reason.
            if let process, (error as? HTTPTransportError)?.code ?? .connectionClosed == .connectionClosed {
                let diagnostics = await process.diagnostics()
                if !diagnostics.isEmpty {
                    throw HTTPTransportError(.connectionClosed, "\(target) ended before the connection was ready: \(diagnostics)")
                }
            }
            throw HTTPTransportError.connectFailure(error, target: target)
        }
    }

    private static func socketBootstrap(
        _ eventLoop: any EventLoop,
        _ connectTimeout: TimeAmount,
        _ allowHalfClosure: Bool,
        _ initializer: @escaping @Sendable (any Channel) -> EventLoopFuture<Void>
    ) -> ClientBootstrap {
        ClientBootstrap(group: eventLoop)
            .connectTimeout(connectTimeout)
            .channelOption(.allowRemoteHalfClosure, value: allowHalfClosure)
            .channelInitializer(initializer)
    }

    /// Sends `request` and returns once the response head has arrived.
    ///
    /// `onEnd` is called exactly once, on the event loop, when the exchange is over: `true` when
    /// the connection may carry another request. Cancelling the calling task before the head
    /// arrives closes the connection.
    func execute(
        _ request: HTTPRequest,
        isUpgradeRequest: Bool = false,
        onEnd: @escaping @Sendable (_ reusable: Bool) -> Void
    ) async throws -> HTTPResponse {
        let eventLoop = self.channel.eventLoop
        let headPromise = eventLoop.makePromise(of: HTTPResponseHead.self)
        var requestHead = HTTPRequestHead(version: .http1_1, method: request.method, uri: request.target, headers: request.headers)
        if !requestHead.headers.contains(name: "Host") {
            requestHead.headers.add(name: "Host", value: self.target.hostHeader)
        }
        let streamedBody: (length: Int?, chunks: @Sendable () -> AnyAsyncByteBufferSequence)?
        var bufferedBody: ByteBuffer?
        switch request.body?.storage {
        case nil:
            streamedBody = nil
            if request.method.hasRequestBody { requestHead.headers.replaceOrAdd(name: "Content-Length", value: "0") }
        case .bytes(let bytes):
            streamedBody = nil
            bufferedBody = bytes
            requestHead.headers.replaceOrAdd(name: "Content-Length", value: String(bytes.readableBytes))
        case .stream(let length, let chunks):
            streamedBody = (length, chunks)
            if let length {
                requestHead.headers.replaceOrAdd(name: "Content-Length", value: String(length))
            } else {
                requestHead.headers.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
            }
        }

        let handler = self.handler
        let channel = self.channel
        let head = requestHead
        let body = bufferedBody
        let start: @Sendable () throws -> (Int, HTTPConnectionHandler.BodyProducer) = {
            let id = handler.value.makeExchangeID()
            let producer = HTTPConnectionHandler.BodyProducer.makeSequence(
                elementType: ByteBuffer.self,
                backPressureStrategy: .init(lowWatermark: 4, highWatermark: 16),
                finishOnDeinit: false,
                delegate: ResponseBodyDelegate(exchangeID: id, handler: handler)
            )
            guard
                handler.value.startExchange(
                    id: id,
                    isUpgradeRequest: isUpgradeRequest,
                    deadline: request.deadline,
                    head: headPromise,
                    body: producer.source,
                    onEnd: onEnd
                )
            else {
                // Nothing will ever complete these: end them here, as NIO requires.
                producer.source.finish()
                headPromise.fail(HTTPTransportError.staleConnection)
                throw HTTPTransportError.staleConnection
            }
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            if let body, body.readableBytes > 0 {
                channel.write(HTTPClientRequestPart.body(.byteBuffer(body)), promise: nil)
            }
            if streamedBody == nil {
                channel.writeAndFlush(HTTPClientRequestPart.end(nil)).assumeIsolated().whenSuccess {
                    handler.value.requestSent(id: id)
                }
            } else {
                channel.flush()
            }
            return (id, producer.sequence)
        }
        // On the loop already (the caller prefers its executor), start at once rather than as
        // another job on the loop.
        let submitted = eventLoop.inEventLoop ? eventLoop.makeCompletedFuture(Result(catching: start)) : eventLoop.submit(start)

        guard let streamedBody else {
            // The head is awaited in the same future as the start of the exchange, so that the
            // task suspends and resumes once per request instead of twice: each resumption is a
            // hand-off between the event loop's thread and the task's (see Benchmarks/, ping-seq).
            let answered = submitted.flatMap { _, responseBody in
                headPromise.futureResult.map { head in HTTPResponse(head: head, body: HTTPResponseBody(producer: responseBody)) }
            }
            return try await withTaskCancellationHandler {
                // Whether to send again is decided before the program's diagnostics (ssh) are
                // added, as they change the error: an idle ssh connection the remote end closed
                // goes again too.
                try await self.explainingClosure {
                    do {
                        return try await answered.get()
                    } catch let error as HTTPTransportError where error == .closedBeforeAnswering {
                        // Exchange 1 is the connection's first: a new connection closed by its
                        // peer is the daemon's failure, not an idle connection's. A cancelled
                        // caller's own close looks the same: that is no reason to send again.
                        guard !Task.isCancelled, let (id, _) = try? await submitted.get(), id > 1,
                            [.GET, .HEAD].contains(request.method)
                        else { throw error }
                        throw HTTPTransportError.idleConnectionClosed
                    }
                }
            } onCancel: {
                channel.close(promise: nil)
            }
        }
        let (exchangeID, responseBody) = try await submitted.get()
        return try await withTaskCancellationHandler {
            do {
                try await self.writeBody(
                    streamedBody.chunks(), length: streamedBody.length, exchangeID: exchangeID, whileAwaiting: headPromise.futureResult)
            } catch let failure as RequestBodyFailure {
                // The request is incomplete: a success the daemon answered early would be cut
                // by this close, and blamed on the daemon. A refusal it sent first still answers
                // it (the daemon stopped reading), as Go's client returns what came first.
                channel.close(promise: nil)
                if let head = try? await headPromise.futureResult.get(), head.status.code >= 300 {
                    return HTTPResponse(head: head, body: HTTPResponseBody(producer: responseBody))
                }
                throw failure.error
            } catch {
                // The daemon closed the connection, possibly right after answering and before
                // our last (empty) write. Close (so the head is settled either way); an answer
                // that came counts.
                channel.close(promise: nil)
                guard let head = try? await headPromise.futureResult.get() else { throw error }
                return HTTPResponse(head: head, body: HTTPResponseBody(producer: responseBody))
            }
            let head = try await self.explainingClosure { try await headPromise.futureResult.get() }
            return HTTPResponse(head: head, body: HTTPResponseBody(producer: responseBody))
        } onCancel: {
            channel.close(promise: nil)
        }
    }

    /// Runs `body`, adding to a ``HTTPTransportError/Code/connectionClosed`` what the program
    /// behind the connection (ssh), if it ended, said on its standard error. Not to
    /// ``HTTPTransportError/idleConnectionClosed`` or ``HTTPTransportError/staleConnection``,
    /// which the pool recognises (to send again, and to release the connection) and never shows.
    private func explainingClosure<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as HTTPTransportError
            where error.code == .connectionClosed && error != .idleConnectionClosed && error != .staleConnection
        {
            throw await self.explained(error)
        }
    }

    /// `error` with what the program behind the connection (ssh), if it ended, said on its
    /// standard error; `error` itself for a socket, or when the program said nothing.
    func explained(_ error: HTTPTransportError) async -> HTTPTransportError {
        guard let process = self.process else { return error }
        let diagnostics = await process.diagnostics()
        return diagnostics.isEmpty ? error : HTTPTransportError(.connectionClosed, "\(error.detail): \(diagnostics)")
    }

    /// Writes a streamed request body chunk by chunk, each written before the next is read.
    ///
    /// When the daemon answers with an error before the body is complete it has stopped reading:
    /// the rest is not sent (the exchange is then not reusable, as the request is incomplete).
    /// A body of a declared `length` (its `Content-Length`) that ends short or runs past it
    /// throws ``HTTPTransportError/Code/io``: short, the daemon would wait for the rest for ever;
    /// long, it would read the excess as the next request. (A file that shrinks or grows while
    /// it is sent does either.) Those failures, and the producer's own, are thrown as
    /// ``RequestBodyFailure``; a failed write is thrown as it is.
    private func writeBody(
        _ chunks: AnyAsyncByteBufferSequence,
        length: Int?,
        exchangeID: Int,
        whileAwaiting head: EventLoopFuture<HTTPResponseHead>
    ) async throws {
        let channel = self.channel
        let handler = self.handler
        let refused = NIOLockedValueBox(false)
        head.whenSuccess { head in
            if head.status.code >= 300 { refused.withLockedValue { $0 = true } }
        }
        var written = 0
        var iterator = chunks.makeAsyncIterator()
        while true {
            let next: ByteBuffer?
            do {
                next = try await iterator.next()
            } catch {
                throw RequestBodyFailure(error: error)
            }
            guard let chunk = next else { break }
            if refused.withLockedValue({ $0 }) { return }
            guard chunk.readableBytes > 0 else { continue }
            written += chunk.readableBytes
            if let length, written > length {
                throw RequestBodyFailure(error: HTTPTransportError(.io, "the request body ran past its length of \(length) bytes"))
            }
            try await channel.writeAndFlush(HTTPClientRequestPart.body(.byteBuffer(chunk))).get()
        }
        if let length, written < length {
            throw RequestBodyFailure(error: HTTPTransportError(.io, "the request body ended after \(written) of its \(length) bytes"))
        }
        try await channel.writeAndFlush(HTTPClientRequestPart.end(nil)).get()
        try await channel.eventLoop.submit { handler.value.requestSent(id: exchangeID) }.get()
    }

    /// Closes the connection; a running exchange fails with ``HTTPTransportError/Code/connectionClosed``.
    func close() {
        self.channel.close(promise: nil)
    }
}

extension HTTPMethod {
    /// Methods whose requests carry a body by convention, so an empty one is sent with
    /// `Content-Length: 0` (some proxies wait for a body otherwise).
    fileprivate var hasRequestBody: Bool {
        switch self {
        case .POST, .PUT, .PATCH: return true
        default: return false
        }
    }
}
