import NIOCore
import NIOPosix
import StevedoreTestSupport
import StevedoreTransport
import Testing

/// The fake server itself: it must not take the test process down.
@Suite struct FakeHTTPServerTests {
    /// Connections still being set up while the listener closes used to be dropped by NIO with
    /// their writer unfinished, a precondition failure that killed the whole test run now and
    /// then; the window is narrow, so this opens it many times.
    @Test func shuttingDownWhileClientsConnectEndsEveryConnection() async throws {
        for _ in 0..<100 {
            let server = try await FakeHTTPServer.start { connection in
                _ = try await connection.readRequest()
            }
            let path = try #require(server.socketPath)
            let (connected, connectedContinuation) = AsyncStream.makeStream(of: Void.self)
            let connecting = Task {
                var channels: [any Channel] = []
                while !Task.isCancelled {
                    guard
                        let channel = try? await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                            .connect(unixDomainSocketPath: path).get()
                    else { break }
                    channels.append(channel)
                    connectedContinuation.yield()
                }
                connectedContinuation.finish()
                return channels
            }
            // Shut down with connections open, while more arrive.
            for await _ in connected.prefix(3) {}
            await server.shutdown()
            connecting.cancel()
            let channels = await connecting.value
            // Every connection the server accepted is closed by shutdown: the client sees EOF.
            for channel in channels {
                try await withTimeout(30) { try await channel.closeFuture.get() }
            }
        }
    }
}
