import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import StevedoreTransport

/// A scriptable HTTP/1.1 server in the test process, for the faults a real daemon won't make:
/// truncated bodies, garbage, stalls, early bytes after a `101`, half-closes.
///
/// Each accepted connection runs `script` with a ``FakeHTTPConnection`` that reads requests or
/// raw bytes and writes exactly what the script says, each `write` as one socket write (so a
/// response head and the bytes after it can reach the client in one read). The connection is
/// closed when the script returns or throws. Half-closure is supported both ways: the client's
/// EOF shows as `nil` from the reads while the script may still write, and
/// ``FakeHTTPConnection/closeWrite()`` shuts down only the server's side.
///
/// Call ``shutdown()`` when done: it stops accepting, cancels the scripts still running and
/// closes their connections.
public final class FakeHTTPServer: Sendable {
    /// Where the server listens.
    public enum Address: Sendable {
        /// A unix socket in a new temporary directory.
        case unixSocket
        /// 127.0.0.1 on an ephemeral port.
        case localhost
    }

    /// Where the client under test should connect.
    public let target: ConnectionTarget

    private let acceptedCount: NIOLockedValueBox<Int>
    private let unclaimed: UnclaimedConnections
    /// The listening socket's channel.
    private let listener: any Channel
    private let serving: Task<Void, Never>
    private let socketDirectory: String?
    private static let socketName = "http.sock"

    /// The socket's path, for a server on a ``Address/unixSocket``: for a client that is not
    /// HTTP's (an ssh agent's).
    public var socketPath: String? { self.socketDirectory.map { $0 + "/" + Self.socketName } }

    /// How many connections were accepted so far.
    public var acceptedConnections: Int { self.acceptedCount.withLockedValue { $0 } }

    private init(
        target: ConnectionTarget, acceptedCount: NIOLockedValueBox<Int>, unclaimed: UnclaimedConnections, listener: any Channel,
        serving: Task<Void, Never>, socketDirectory: String?
    ) {
        self.target = target
        self.acceptedCount = acceptedCount
        self.unclaimed = unclaimed
        self.listener = listener
        self.serving = serving
        self.socketDirectory = socketDirectory
    }

    /// Starts a server at `address` that runs `script` for each connection it accepts.
    public static func start(
        on address: Address = .unixSocket,
        script: @escaping @Sendable (FakeHTTPConnection) async throws -> Void
    ) async throws -> FakeHTTPServer {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
        let unclaimed = UnclaimedConnections()
        let initializer: @Sendable (any Channel) -> EventLoopFuture<NIOAsyncChannel<ByteBuffer, ByteBuffer>> = { channel in
            channel.eventLoop.makeCompletedFuture {
                let connection = try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                    wrappingChannelSynchronously: channel,
                    configuration: .init(isOutboundHalfClosureEnabled: true)
                )
                unclaimed.insert(connection)
                return connection
            }
        }

        let serverChannel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
        let target: ConnectionTarget
        var socketDirectory: String?
        switch address {
        case .unixSocket:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("stevedore-fake-\(UUID().uuidString.prefix(8))").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            socketDirectory = directory
            let path = directory + "/" + Self.socketName
            serverChannel = try await bootstrap.bind(unixDomainSocketPath: path, childChannelInitializer: initializer)
            target = .unixSocket(path: path)
        case .localhost:
            serverChannel = try await bootstrap.bind(host: "127.0.0.1", port: 0, childChannelInitializer: initializer)
            guard let port = serverChannel.channel.localAddress?.port else {
                try? await serverChannel.channel.close()
                throw FakeHTTPServerError("the server socket has no port")
            }
            target = .tcp(host: "127.0.0.1", port: port)
        }

        let acceptedCount = NIOLockedValueBox(0)
        let serving = Task {
            _ = try? await serverChannel.executeThenClose { connections in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in connections {
                            unclaimed.remove(connection)
                            acceptedCount.withLockedValue { $0 += 1 }
                            group.addTask {
                                try? await connection.executeThenClose { inbound, outbound in
                                    try await script(FakeHTTPConnection(channel: connection.channel, inbound: inbound, outbound: outbound))
                                }
                            }
                        }
                    } catch {
                        // The listening socket failed.
                    }
                    // The listener closed (shutdown): the scripts still running end too.
                    group.cancelAll()
                }
            }
        }
        return FakeHTTPServer(
            target: target, acceptedCount: acceptedCount, unclaimed: unclaimed, listener: serverChannel.channel, serving: serving,
            socketDirectory: socketDirectory)
    }

    /// Stops listening, cancels running scripts, closes their connections and removes the
    /// socket's directory.
    ///
    /// The listener closes first and the accept loop ends by itself once it has taken every
    /// connection accepted before. A connection whose set-up finished only after the listener
    /// closed never reaches the loop (NIO drops it, and traps on the dropped writer unless
    /// someone still holds and finishes it): those are closed here.
    public func shutdown() async {
        try? await self.listener.close()
        await self.serving.value
        await self.unclaimed.closeAll()
        if let socketDirectory {
            try? FileManager.default.removeItem(atPath: socketDirectory)
        }
    }
}
