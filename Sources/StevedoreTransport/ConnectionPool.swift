import NIOConcurrencyHelpers
import NIOCore

/// A bounded pool of kept-alive HTTP/1.1 connections to one target.
///
/// The pool drives a ``ConnectionPoolStateMachine`` under a lock and performs its actions:
/// opening connections, resuming waiting callers, closing idle connections when their timer
/// fires.
final class ConnectionPool: Sendable {
    private struct State {
        var machine: ConnectionPoolStateMachine
        var connections: [Int: HTTPConnection] = [:]
        var waiters: [Int: CheckedContinuation<HTTPConnection, any Error>] = [:]
        var idleTimers: [Int: Scheduled<Void>] = [:]
        var nextWaiterID = 0
    }

    private let target: ConnectionTarget
    private let configuration: HTTPTransportConfiguration
    /// The loop every connection of the pool lives on, so that one task executor serves them
    /// all (see ``EventLoopTaskExecutor``).
    let eventLoop: any EventLoop
    private let state: NIOLockedValueBox<State>

    init(target: ConnectionTarget, configuration: HTTPTransportConfiguration, eventLoop: any EventLoop) {
        self.target = target
        self.configuration = configuration
        self.eventLoop = eventLoop
        self.state = NIOLockedValueBox(State(machine: ConnectionPoolStateMachine(maxConnections: configuration.maxConnections)))
    }

    /// Runs `request` on a pooled connection. The connection goes back to the pool when the
    /// response body has been read to its end, and is closed when it is abandoned.
    ///
    /// A kept-alive connection that the daemon closed just before it was leased is replaced, once,
    /// by a new one: the request had not been written to it. So is one whose close crossed a
    /// `GET` or `HEAD` written to it (``HTTPTransportError/idleConnectionClosed``).
    ///
    /// A long-lived request (``HTTPRequest/isLongLived``) never waits for the pool: it takes an
    /// idle connection out of it, or opens one of its own, and its connection joins the pool
    /// afterwards only if there is room.
    func execute(_ request: HTTPRequest) async throws -> HTTPResponse {
        let detached = request.isLongLived
        var attemptsLeft = 2
        while true {
            let connection = try await detached ? self.detachedConnection() : self.lease()
            let release = { @Sendable (reusable: Bool) in
                self.perform(
                    self.state.withLockedValue { state in
                        detached
                            ? state.machine.detachedConnectionReleased(connection.id, reusable: reusable)
                            : state.machine.connectionReleased(connection.id, reusable: reusable)
                    })
            }
            do {
                return try await connection.execute(request, onEnd: release)
            } catch let error as HTTPTransportError where error == .staleConnection || error == .idleConnectionClosed {
                // A stale connection's exchange never started, so its end will not release it.
                if error == .staleConnection { release(false) }
                attemptsLeft -= 1
                // An ssh that exits at once closes each new connection before its request: what
                // it said on its standard error is the reason to give.
                if attemptsLeft == 0 { throw await connection.explained(error) }
            }
        }
    }

    /// The counts of idle, leased and connecting connections and of waiting callers.
    var counts: (idle: Int, leased: Int, connecting: Int, waiting: Int) {
        self.state.withLockedValue { $0.machine.counts }
    }

    func shutdown() {
        self.perform(self.state.withLockedValue { $0.machine.shutdown() })
    }

    private func lease() async throws -> HTTPConnection {
        // An idle connection is handed out without suspending: a suspension is a job on the
        // executor, which for a loop of small requests costs as much as the rest of the lease.
        let idle: Result<HTTPConnection, HTTPTransportError>? = self.state.withLockedValue { state in
            guard let connectionID = state.machine.leaseIdleConnection() else { return nil }
            state.idleTimers.removeValue(forKey: connectionID)?.cancel()
            return state.connections[connectionID].map { .success($0) } ?? .failure(.connectionClosed("the pooled connection is gone"))
        }
        if let idle { return try idle.get() }
        let waiterID = self.state.withLockedValue { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPConnection, any Error>) in
                let action = self.state.withLockedValue { state -> ConnectionPoolStateMachine.Action? in
                    // A task cancelled before this point ran its handler with no waiter to cancel
                    // (at once, for one cancelled before the call): checked under the lock the
                    // handler takes, so that either this sees it or the handler sees the waiter.
                    guard !Task.isCancelled else { return nil }
                    state.waiters[waiterID] = continuation
                    return state.machine.leaseRequested(by: waiterID)
                }
                guard let action else { return continuation.resume(throwing: HTTPTransportError.cancelledWhileWaiting) }
                self.perform(action)
            }
        } onCancel: {
            self.perform(self.state.withLockedValue { $0.machine.waiterCancelled(waiterID) })
        }
    }

    /// A connection outside the pool's count, for a long-lived exchange: an idle one taken out
    /// of the pool, or a new one.
    private func detachedConnection() async throws -> HTTPConnection {
        let idle = self.state.withLockedValue { state -> HTTPConnection? in
            guard let connectionID = state.machine.detachIdleConnection() else { return nil }
            state.idleTimers.removeValue(forKey: connectionID)?.cancel()
            return state.connections[connectionID]
        }
        if let idle { return idle }
        let newID = try self.makeDetachedConnectionID()
        let connection = try await self.connect(newID)
        try self.checkDetachedConnectionEstablished(connection, keeping: true)
        return connection
    }

    /// Closes `connection`, one outside the pool's count just opened, and throws
    /// ``HTTPTransportError/shutdown`` when ``shutdown()`` came while it was being opened, so
    /// that no request is sent on it. A connection opened before the shutdown is a running
    /// exchange's, which the shutdown leaves to finish. `keeping` adds it to the pool's
    /// connections under the same lock (one that may join the pool when its exchange ends).
    func checkDetachedConnectionEstablished(_ connection: HTTPConnection, keeping: Bool = false) throws {
        let action = self.state.withLockedValue { state in
            let action = state.machine.detachedConnectionEstablished(connection.id)
            if keeping, action == .none { state.connections[connection.id] = connection }
            return action
        }
        guard case .closeConnection = action else { return }
        connection.close()
        throw HTTPTransportError.shutdown
    }

    /// An id for a connection of its own, outside the pool (a long-lived exchange's, a
    /// hijack's). Throws ``HTTPTransportError/shutdown`` after ``shutdown()``.
    func makeDetachedConnectionID() throws -> Int {
        guard let id = self.state.withLockedValue({ $0.machine.makeDetachedConnectionID() }) else {
            throw HTTPTransportError.shutdown
        }
        return id
    }

    private func perform(_ action: ConnectionPoolStateMachine.Action) {
        switch action {
        case .none:
            break
        case .lease(let connectionID, let waiterID):
            let (connection, waiter) = self.state.withLockedValue { state in
                state.idleTimers.removeValue(forKey: connectionID)?.cancel()
                return (state.connections[connectionID], state.waiters.removeValue(forKey: waiterID))
            }
            if let connection {
                waiter?.resume(returning: connection)
            } else {
                waiter?.resume(throwing: HTTPTransportError.connectionClosed("the pooled connection is gone"))
            }
        case .createConnection(let connectionID):
            self.createConnection(connectionID)
        case .closeConnection(let connectionID, let replacement):
            let connection = self.state.withLockedValue { state in
                state.idleTimers.removeValue(forKey: connectionID)?.cancel()
                return state.connections.removeValue(forKey: connectionID)
            }
            connection?.close()
            if let replacement { self.createConnection(replacement) }
        case .scheduleIdleTimeout(let connectionID):
            let timeout = self.configuration.idleTimeout
            self.state.withLockedValue { state in
                guard let connection = state.connections[connectionID] else { return }
                state.idleTimers[connectionID] = connection.channel.eventLoop.scheduleTask(in: timeout) {
                    self.perform(self.state.withLockedValue { $0.machine.idleConnectionGone(connectionID) })
                }
            }
        case .failWaiter(let waiterID, let error, let replacement):
            self.state.withLockedValue { $0.waiters.removeValue(forKey: waiterID) }?.resume(throwing: error)
            if let replacement { self.createConnection(replacement) }
        case .shutdown(let idle, let failed):
            let (connections, waiters) = self.state.withLockedValue { state in
                (
                    idle.compactMap { state.connections.removeValue(forKey: $0) },
                    failed.compactMap { state.waiters.removeValue(forKey: $0) }
                )
            }
            connections.forEach { $0.close() }
            waiters.forEach { $0.resume(throwing: HTTPTransportError.shutdown) }
        }
    }

    /// Opens connection `connectionID`; once it is in the pool, the daemon closing it while
    /// idle takes it out.
    private func connect(_ connectionID: Int) async throws -> HTTPConnection {
        let connection = try await HTTPConnection.connect(
            id: connectionID,
            to: self.target,
            on: self.eventLoop,
            connectTimeout: self.configuration.connectTimeout,
            allowHalfClosure: false
        )
        connection.channel.closeFuture.whenComplete { _ in
            self.perform(self.state.withLockedValue { $0.machine.idleConnectionGone(connectionID) })
        }
        return connection
    }

    private func createConnection(_ connectionID: Int) {
        Task {
            do {
                let connection = try await self.connect(connectionID)
                self.perform(
                    self.state.withLockedValue { state in
                        state.connections[connectionID] = connection
                        return state.machine.connectionEstablished(connectionID)
                    }
                )
            } catch {
                let transportError = error as? HTTPTransportError ?? HTTPTransportError(.io, "\(error)")
                self.perform(self.state.withLockedValue { $0.machine.connectionFailed(connectionID, error: transportError) })
            }
        }
    }
}
