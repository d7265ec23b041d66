import Testing

@testable import StevedoreTransport

@Suite struct ConnectionPoolStateMachineTests {
    typealias Machine = ConnectionPoolStateMachine

    static let refused = HTTPTransportError(.connectionRefused, "refused")

    @Test func firstLeaseCreatesAConnectionAndHandsItOut() {
        let machine = Ref(Machine(maxConnections: 2))
        #expect(machine { $0.leaseRequested(by: 1) } == .createConnection(1))
        #expect(machine.value.counts == (idle: 0, leased: 0, connecting: 1, waiting: 1))
        #expect(machine { $0.connectionEstablished(1) } == .lease(1, to: 1))
        #expect(machine.value.counts == (idle: 0, leased: 1, connecting: 0, waiting: 0))
    }

    @Test func idleConnectionsAreReusedMostRecentFirst() {
        let machine = Ref(Machine(maxConnections: 2))
        _ = machine.value.leaseRequested(by: 1)
        _ = machine.value.leaseRequested(by: 2)
        _ = machine.value.connectionEstablished(1)
        _ = machine.value.connectionEstablished(2)
        #expect(machine { $0.connectionReleased(1, reusable: true) } == .scheduleIdleTimeout(1))
        #expect(machine { $0.connectionReleased(2, reusable: true) } == .scheduleIdleTimeout(2))
        #expect(machine { $0.leaseRequested(by: 3) } == .lease(2, to: 3), "the last released goes first")
        #expect(machine { $0.leaseRequested(by: 4) } == .lease(1, to: 4))
        #expect(machine.value.counts == (idle: 0, leased: 2, connecting: 0, waiting: 0))
    }

    @Test func anIdleConnectionIsLeasedWithoutWaiting() {
        let machine = Ref(Machine(maxConnections: 2))
        #expect(machine { $0.leaseIdleConnection() } == nil, "none idle: the caller must wait")
        #expect(machine.value.counts == (idle: 0, leased: 0, connecting: 0, waiting: 0))
        _ = machine.value.leaseRequested(by: 1)
        _ = machine.value.connectionEstablished(1)
        _ = machine.value.connectionReleased(1, reusable: true)
        #expect(machine { $0.leaseIdleConnection() } == 1)
        #expect(machine.value.counts == (idle: 0, leased: 1, connecting: 0, waiting: 0))
        #expect(machine { $0.connectionReleased(1, reusable: true) } == .scheduleIdleTimeout(1))
        _ = machine.value.shutdown()
        #expect(machine { $0.leaseIdleConnection() } == nil, "none after shutdown")
    }

    @Test func longLivedExchangesTakeTheirConnectionsOutOfTheCount() {
        let machine = Ref(Machine(maxConnections: 1))
        _ = machine.value.leaseRequested(by: 1)
        _ = machine.value.connectionEstablished(1)
        _ = machine.value.connectionReleased(1, reusable: true)
        // The idle connection leaves the pool with the long-lived exchange...
        #expect(machine { $0.detachIdleConnection() } == 1)
        #expect(machine.value.counts == (idle: 0, leased: 0, connecting: 0, waiting: 0))
        // ...and a second one opens its own: neither counts, so an ordinary request still can.
        #expect(machine { $0.detachIdleConnection() } == nil)
        #expect(machine { $0.makeDetachedConnectionID() } == 2)
        #expect(machine { $0.leaseRequested(by: 2) } == .createConnection(3))
        #expect(machine { $0.connectionEstablished(3) } == .lease(3, to: 2))
        // With the pool full, an ended long-lived exchange closes its connection; with room,
        // the connection joins the pool.
        #expect(machine { $0.detachedConnectionReleased(1, reusable: true) } == .closeConnection(1, thenCreate: nil))
        #expect(machine { $0.connectionReleased(3, reusable: true) } == .scheduleIdleTimeout(3))
        #expect(machine { $0.idleConnectionGone(3) } == .closeConnection(3, thenCreate: nil))
        #expect(machine { $0.detachedConnectionReleased(2, reusable: true) } == .scheduleIdleTimeout(2))
        #expect(machine.value.counts == (idle: 1, leased: 0, connecting: 0, waiting: 0))
    }

    @Test func anEndedLongLivedExchangeServesTheLongestWaiter() {
        let machine = Ref(Machine(maxConnections: 2))
        _ = machine.value.leaseRequested(by: 1)
        #expect(machine.value.counts == (idle: 0, leased: 0, connecting: 1, waiting: 1))
        #expect(machine { $0.detachedConnectionReleased(7, reusable: true) } == .lease(7, to: 1))
        #expect(machine { $0.detachedConnectionReleased(8, reusable: false) } == .closeConnection(8, thenCreate: nil))
        _ = machine.value.shutdown()
        #expect(machine { $0.detachIdleConnection() } == nil)
        #expect(machine { $0.makeDetachedConnectionID() } == nil, "no connection opens after shutdown")
        #expect(machine { $0.detachedConnectionReleased(9, reusable: true) } == .closeConnection(9, thenCreate: nil))
    }

    @Test func theLimitHoldsAndWaitersAreServedInOrder() {
        let machine = Ref(Machine(maxConnections: 2))
        #expect(machine { $0.leaseRequested(by: 1) } == .createConnection(1))
        #expect(machine { $0.leaseRequested(by: 2) } == .createConnection(2))
        #expect(machine { $0.leaseRequested(by: 3) } == .none)
        #expect(machine { $0.leaseRequested(by: 4) } == .none)
        #expect(machine.value.counts == (idle: 0, leased: 0, connecting: 2, waiting: 4))
        #expect(machine { $0.connectionEstablished(2) } == .lease(2, to: 1))
        #expect(machine { $0.connectionEstablished(1) } == .lease(1, to: 2))
        #expect(machine { $0.connectionReleased(1, reusable: true) } == .lease(1, to: 3))
        #expect(machine { $0.connectionReleased(2, reusable: true) } == .lease(2, to: 4))
        #expect(machine { $0.connectionReleased(2, reusable: true) } == .scheduleIdleTimeout(2))
        #expect(machine.value.counts == (idle: 1, leased: 1, connecting: 0, waiting: 0))
    }

    @Test func aFailedConnectFailsOneWaiterAndRetriesForTheRest() {
        let machine = Ref(Machine(maxConnections: 1))
        #expect(machine { $0.leaseRequested(by: 1) } == .createConnection(1))
        #expect(machine { $0.leaseRequested(by: 2) } == .none)
        #expect(machine { $0.leaseRequested(by: 3) } == .none)
        #expect(machine { $0.connectionFailed(1, error: Self.refused) } == .failWaiter(1, Self.refused, thenCreate: 2))
        #expect(machine { $0.connectionFailed(2, error: Self.refused) } == .failWaiter(2, Self.refused, thenCreate: 3))
        #expect(machine { $0.connectionFailed(3, error: Self.refused) } == .failWaiter(3, Self.refused, thenCreate: nil))
        #expect(machine.value.counts == (idle: 0, leased: 0, connecting: 0, waiting: 0))
    }

    @Test func aFailedConnectWithNobodyWaitingIsQuiet() {
        let machine = Ref(Machine(maxConnections: 1))
        _ = machine.value.leaseRequested(by: 1)
        _ = machine.value.waiterCancelled(1)
        #expect(machine { $0.connectionFailed(1, error: Self.refused) } == .none)
    }

    @Test func releasingANonReusableConnectionReplacesItForWaiters() {
        let machine = Ref(Machine(maxConnections: 1))
        _ = machine.value.leaseRequested(by: 1)
        _ = machine.value.connectionEstablished(1)
        #expect(machine { $0.leaseRequested(by: 2) } == .none)
        #expect(machine { $0.connectionReleased(1, reusable: false) } == .closeConnection(1, thenCreate: 2))
        #expect(machine { $0.connectionEstablished(2) } == .lease(2, to: 2))
        #expect(machine { $0.connectionReleased(2, reusable: false) } == .closeConnection(2, thenCreate: nil))
        #expect(machine.value.counts == (idle: 0, leased: 0, connecting: 0, waiting: 0))
    }

    @Test func releasingAnUnknownConnectionChangesNothing() {
        let machine = Ref(Machine(maxConnections: 1))
        #expect(machine { $0.connectionReleased(42, reusable: true) } == .none)
    }

    @Test func idleTimeoutClosesOnlyIdleConnections() {
        let machine = Ref(Machine(maxConnections: 2))
        _ = machine.value.leaseRequested(by: 1)
        _ = machine.value.connectionEstablished(1)
        #expect(machine { $0.idleConnectionGone(1) } == .none, "leased: its exchange decides")
        _ = machine.value.connectionReleased(1, reusable: true)
        #expect(machine { $0.idleConnectionGone(1) } == .closeConnection(1, thenCreate: nil))
        #expect(machine { $0.idleConnectionGone(1) } == .none, "once")
        #expect(machine { $0.leaseRequested(by: 2) } == .createConnection(2), "the timed-out connection is not reused")
    }

    @Test func aCancelledWaiterLeavesTheQueue() {
        let machine = Ref(Machine(maxConnections: 1))
        _ = machine.value.leaseRequested(by: 1)
        _ = machine.value.connectionEstablished(1)
        _ = machine.value.leaseRequested(by: 2)
        _ = machine.value.leaseRequested(by: 3)
        guard case .failWaiter(2, _, thenCreate: nil) = machine.value.waiterCancelled(2) else {
            Issue.record("the cancelled waiter must be failed")
            return
        }
        #expect(machine { $0.waiterCancelled(2) } == .none, "once")
        #expect(machine { $0.connectionReleased(1, reusable: true) } == .lease(1, to: 3))
    }

    @Test func shutdownClosesIdleConnectionsAndFailsWaiters() {
        let machine = Ref(Machine(maxConnections: 2))
        _ = machine.value.leaseRequested(by: 1)
        _ = machine.value.leaseRequested(by: 2)
        _ = machine.value.connectionEstablished(1)
        _ = machine.value.connectionEstablished(2)
        _ = machine.value.connectionReleased(1, reusable: true)
        _ = machine.value.leaseRequested(by: 3)  // takes connection 1
        _ = machine.value.leaseRequested(by: 4)  // waits: both leased
        #expect(machine { $0.shutdown() } == .shutdown(close: [], fail: [4]))
        #expect(machine { $0.shutdown() } == .none)
        #expect(machine { $0.leaseRequested(by: 5) } == .failWaiter(5, .shutdown))
        #expect(
            machine { $0.connectionReleased(1, reusable: true) } == .closeConnection(1, thenCreate: nil),
            "running exchanges end, then close")
        #expect(machine { $0.connectionReleased(2, reusable: false) } == .closeConnection(2, thenCreate: nil))
    }

    @Test func shutdownClosesIdleOnesAndConnectionsStillBeingMade() {
        let machine = Ref(Machine(maxConnections: 2))
        _ = machine.value.leaseRequested(by: 1)
        _ = machine.value.connectionEstablished(1)
        _ = machine.value.connectionReleased(1, reusable: true)
        _ = machine.value.leaseRequested(by: 2)  // takes 1
        _ = machine.value.leaseRequested(by: 3)  // creates 2
        _ = machine.value.connectionReleased(1, reusable: true)  // 1 goes to waiter 3
        #expect(machine { $0.shutdown() } == .shutdown(close: [], fail: []))
        #expect(machine { $0.connectionEstablished(2) } == .closeConnection(2, thenCreate: nil))
        let idle = Ref(Machine(maxConnections: 1))
        _ = idle.value.leaseRequested(by: 1)
        _ = idle.value.connectionEstablished(1)
        _ = idle.value.connectionReleased(1, reusable: true)
        #expect(idle { $0.shutdown() } == .shutdown(close: [1], fail: []))
        #expect(idle.value.counts == (idle: 0, leased: 0, connecting: 0, waiting: 0))
    }

    /// A connection of its own opened before the shutdown carries its exchange; one whose
    /// connect ends after it is closed at once, as a pooled connection opened too late is.
    @Test func aDetachedConnectionOpenedAfterShutdownCarriesNothing() throws {
        let machine = Ref(Machine(maxConnections: 1))
        let early = try #require(machine { $0.makeDetachedConnectionID() })
        #expect(machine { $0.detachedConnectionEstablished(early) } == .none)
        let late = try #require(machine { $0.makeDetachedConnectionID() })
        _ = machine.value.shutdown()
        #expect(machine { $0.detachedConnectionEstablished(late) } == .closeConnection(late, thenCreate: nil))
    }
}
