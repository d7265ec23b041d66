import NIOConcurrencyHelpers
import NIOCore

/// The connections ``FakeHTTPServer`` accepted but its accept loop has not taken yet.
///
/// NIO sets a child connection up before it hands it to the listener's stream; when the
/// listener closes in between, NIO drops the connection, and a dropped connection whose writer
/// was never finished is a precondition failure. Holding each one here until the loop takes it
/// keeps it alive, so that ``closeAll()`` can finish and close those the loop never saw, and
/// those set up after it ran.
final class UnclaimedConnections: Sendable {
    private struct State {
        var connections: [ObjectIdentifier: NIOAsyncChannel<ByteBuffer, ByteBuffer>] = [:]
        var isClosed = false
    }

    private let state = NIOLockedValueBox(State())

    /// Holds `connection` until ``remove(_:)`` or ``closeAll()``; after ``closeAll()``, closes it.
    func insert(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) {
        let isClosed = self.state.withLockedValue { state in
            if !state.isClosed {
                state.connections[ObjectIdentifier(connection.channel)] = connection
            }
            return state.isClosed
        }
        if isClosed {
            Task { await Self.close(connection) }
        }
    }

    /// Lets go of `connection`: the accept loop owns it now.
    func remove(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) {
        _ = self.state.withLockedValue { $0.connections.removeValue(forKey: ObjectIdentifier(connection.channel)) }
    }

    /// Finishes and closes every connection held, and from now on each one inserted.
    func closeAll() async {
        let left = self.state.withLockedValue { state in
            state.isClosed = true
            defer { state.connections.removeAll() }
            return Array(state.connections.values)
        }
        for connection in left {
            await Self.close(connection)
        }
    }

    private static func close(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        try? await connection.executeThenClose { _, _ in }
    }
}
