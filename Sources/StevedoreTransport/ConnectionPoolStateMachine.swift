import NIOCore

/// The bookkeeping of a bounded connection pool, as a plain value: events in, actions out.
///
/// Idle connections are reused most-recently-used first (the least used ones time out); at most
/// `maxConnections` exist or are being made at once; callers beyond that wait in FIFO order.
/// Waiters and connections are named by ids that ``ConnectionPool`` hands out.
///
/// A long-lived exchange takes its connection out of the count instead (an idle one, or one
/// made for it, see ``detachIdleConnection()``), so that however many of them run, ordinary
/// requests still have all of `maxConnections`; when it ends, its connection joins the pool if
/// there is room.
struct ConnectionPoolStateMachine {
    typealias ConnectionID = Int
    typealias WaiterID = Int

    enum Action: Equatable {
        case none
        /// Give connection to the waiter; cancel its idle timer if it had one.
        case lease(ConnectionID, to: WaiterID)
        /// Open a new connection.
        case createConnection(ConnectionID)
        /// Close the connection and, when given, open a new one for the waiters.
        case closeConnection(ConnectionID, thenCreate: ConnectionID?)
        /// Start the idle timer of a connection that went idle.
        case scheduleIdleTimeout(ConnectionID)
        /// Fail a waiter and, when given, open a new connection for the waiters behind it.
        case failWaiter(WaiterID, HTTPTransportError, thenCreate: ConnectionID? = nil)
        /// Shut down: close these idle connections and fail these waiters.
        case shutdown(close: [ConnectionID], fail: [WaiterID])
    }

    let maxConnections: Int
    private var idle: [ConnectionID] = []
    private var leased: Set<ConnectionID> = []
    private var connecting: Set<ConnectionID> = []
    private var waiters = CircularBuffer<WaiterID>()
    private var nextConnectionID = 0
    private var isShutDown = false

    init(maxConnections: Int) {
        precondition(maxConnections > 0, "a pool needs room for one connection")
        self.maxConnections = maxConnections
    }

    var counts: (idle: Int, leased: Int, connecting: Int, waiting: Int) {
        (self.idle.count, self.leased.count, self.connecting.count, self.waiters.count)
    }

    private var connectionCount: Int { self.idle.count + self.leased.count + self.connecting.count }

    /// A caller wants a connection without waiting: the most recently used idle one, if any
    /// (there is none while callers wait). Otherwise the caller asks with ``leaseRequested(by:)``.
    mutating func leaseIdleConnection() -> ConnectionID? {
        guard !self.isShutDown, let connection = self.idle.popLast() else { return nil }
        self.leased.insert(connection)
        return connection
    }

    /// A caller wants a connection.
    mutating func leaseRequested(by waiter: WaiterID) -> Action {
        if self.isShutDown { return .failWaiter(waiter, .shutdown) }
        if let connection = self.idle.popLast() {
            self.leased.insert(connection)
            return .lease(connection, to: waiter)
        }
        self.waiters.append(waiter)
        return self.createConnectionIfNeeded().map { .createConnection($0) } ?? .none
    }

    /// A long-lived exchange wants a connection outside the count: the most recently used idle
    /// one, if any, leaves the pool (its idle timer must be cancelled). Otherwise the caller
    /// opens one of its own, named by ``makeDetachedConnectionID()``.
    mutating func detachIdleConnection() -> ConnectionID? {
        guard !self.isShutDown else { return nil }
        return self.idle.popLast()
    }

    /// An id for a connection opened outside the count; `nil` after ``shutdown()``, when no
    /// connection opens any more.
    mutating func makeDetachedConnectionID() -> ConnectionID? {
        guard !self.isShutDown else { return nil }
        self.nextConnectionID += 1
        return self.nextConnectionID
    }

    /// A connection opened outside the count is open: nothing may start on it when the pool shut
    /// down while it was being opened (it is closed then, as a pooled one would be).
    mutating func detachedConnectionEstablished(_ connection: ConnectionID) -> Action {
        self.isShutDown ? .closeConnection(connection, thenCreate: nil) : .none
    }

    /// A long-lived exchange ended on its connection outside the count: a reusable connection
    /// joins the pool when there is room (to the longest waiter, or idle); otherwise it is closed.
    mutating func detachedConnectionReleased(_ connection: ConnectionID, reusable: Bool) -> Action {
        guard reusable, !self.isShutDown, self.connectionCount < self.maxConnections else {
            return .closeConnection(connection, thenCreate: nil)
        }
        return self.handOut(connection)
    }

    /// A connection the pool asked for is open.
    mutating func connectionEstablished(_ connection: ConnectionID) -> Action {
        self.connecting.remove(connection)
        if self.isShutDown { return .closeConnection(connection, thenCreate: nil) }
        return self.handOut(connection)
    }

    /// Opening a connection failed: the longest waiter gets the error (each waiter is failed by
    /// the attempt made for it, so none waits forever on a dead daemon).
    mutating func connectionFailed(_ connection: ConnectionID, error: HTTPTransportError) -> Action {
        self.connecting.remove(connection)
        guard let waiter = self.waiters.popFirst() else { return .none }
        return .failWaiter(waiter, error, thenCreate: self.isShutDown ? nil : self.createConnectionIfNeeded())
    }

    /// A leased connection's exchange ended; `reusable` when it may carry another request.
    mutating func connectionReleased(_ connection: ConnectionID, reusable: Bool) -> Action {
        guard self.leased.remove(connection) != nil else { return .none }
        if reusable && !self.isShutDown {
            return self.handOut(connection)
        }
        return .closeConnection(connection, thenCreate: self.isShutDown ? nil : self.createConnectionIfNeeded())
    }

    /// An idle connection's timer fired, or the daemon closed it.
    mutating func idleConnectionGone(_ connection: ConnectionID) -> Action {
        guard let index = self.idle.firstIndex(of: connection) else { return .none }
        self.idle.remove(at: index)
        return .closeConnection(connection, thenCreate: nil)
    }

    /// A waiting caller was cancelled.
    mutating func waiterCancelled(_ waiter: WaiterID) -> Action {
        guard let index = self.waiters.firstIndex(of: waiter) else { return .none }
        self.waiters.remove(at: index)
        return .failWaiter(waiter, .cancelledWhileWaiting)
    }

    mutating func shutdown() -> Action {
        guard !self.isShutDown else { return .none }
        self.isShutDown = true
        let idle = self.idle
        let waiters = Array(self.waiters)
        self.idle.removeAll()
        self.waiters.removeAll()
        return .shutdown(close: idle, fail: waiters)
    }

    private mutating func handOut(_ connection: ConnectionID) -> Action {
        if let waiter = self.waiters.popFirst() {
            self.leased.insert(connection)
            return .lease(connection, to: waiter)
        }
        self.idle.append(connection)
        return .scheduleIdleTimeout(connection)
    }

    /// A new connection id when waiters outnumber the connections being made and there is room.
    private mutating func createConnectionIfNeeded() -> ConnectionID? {
        guard self.waiters.count > self.connecting.count, self.connectionCount < self.maxConnections else { return nil }
        self.nextConnectionID += 1
        self.connecting.insert(self.nextConnectionID)
        return self.nextConnectionID
    }
}
