import NIOCore
import NIOPosix
import NIOSSL

/// Relays this process's standard input to a daemon and the daemon's bytes to standard output,
/// until both directions have ended: `docker system dial-stdio`, the remote end of an `ssh://`
/// connection.
public enum StandardIORelay {
    /// Connects to `target` (a socket, or TCP with TLS) and relays until both sides are done.
    /// Takes over `input` and `output` (standard input and output unless given), and closes
    /// them at the end. What the daemon sent is written whole before `output` closes, however
    /// long its reader takes. Throws ``HTTPTransportError/Code/io`` when either side failed
    /// (the daemon reset the connection, `output`'s reader went away): bytes may have been lost.
    public static func run(
        to target: ConnectionTarget, connectTimeout: TimeAmount = .seconds(10), input: CInt = 0, output: CInt = 1
    ) async throws {
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        // Both channels live on this one loop, where the handlers are made and used.
        let (toDaemon, toStandardIO) = try await eventLoop.submit {
            let (toDaemon, toStandardIO) = RelayHandler.pair()
            return (NIOLoopBound(toDaemon, eventLoop: eventLoop), NIOLoopBound(toStandardIO, eventLoop: eventLoop))
        }.get()
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(connectTimeout)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if case .tcp(_, _, let tls?) = target.kind {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: tls.context, serverHostname: tls.serverHostname))
                    }
                    try channel.pipeline.syncOperations.addHandler(toDaemon.value)
                }
            }
        let daemon: any Channel
        do {
            switch target.kind {
            case .unixSocket(let path):
                daemon = try await bootstrap.connect(unixDomainSocketPath: path).get()
            case .tcp(let host, let port, _):
                daemon = try await bootstrap.connect(host: host, port: port).get()
            case .command:
                throw HTTPTransportError(.io, "a relay needs a socket to connect to, not \(target)")
            }
        } catch {
            throw HTTPTransportError.connectFailure(error, target: target)
        }
        let standardIO: any Channel
        do {
            standardIO = try await NIOPipeBootstrap(group: eventLoop)
                .channelOption(.allowRemoteHalfClosure, value: true)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(toStandardIO.value) }
                }
                .takingOwnershipOfDescriptors(input: input, output: output).get()
        } catch {
            daemon.close(promise: nil)
            throw HTTPTransportError(.io, "standard input and output must be pipes or sockets to relay (\(error))")
        }
        // Each side closes the other when it goes; both are done when both closed.
        try await daemon.closeFuture.get()
        try await standardIO.closeFuture.get()
        let failures = try await eventLoop.submit {
            (toDaemon.value.failure.map { "\($0)" }, toStandardIO.value.failure.map { "\($0)" })
        }.get()
        if let failure = failures.0 {
            throw HTTPTransportError(.io, "the connection to the daemon failed while relaying: \(failure)")
        }
        if let failure = failures.1 {
            throw HTTPTransportError(.io, "standard input or output failed while relaying: \(failure)")
        }
    }
}
