import NIOCore
import NIOHTTP1
import Testing

@testable import StevedoreTransport

@Suite struct HTTPConnectionStateMachineTests {
    typealias Machine = HTTPConnectionStateMachine

    static func head(_ status: HTTPResponseStatus, _ headers: HTTPHeaders = [:]) -> HTTPResponseHead {
        HTTPResponseHead(version: .http1_1, status: status, headers: headers)
    }

    static let upgradeHead = head(.switchingProtocols, ["Connection": "Upgrade", "Upgrade": "tcp"])

    /// A machine whose exchange 1 has sent its request and received an `OK` head.
    static func streaming(_ headers: HTTPHeaders = [:], isUpgradeRequest: Bool = false) -> Machine {
        let machine = Ref(Machine())
        #expect(machine { $0.startExchange(id: 1, isUpgradeRequest: isUpgradeRequest) })
        _ = machine.value.requestSent(id: 1)
        _ = machine.value.receivedHead(head(.ok, headers))
        return machine.value
    }

    @Test func normalKeepAliveExchangeLeavesTheConnectionReusable() {
        let machine = Ref(Machine())
        #expect(machine { $0.startExchange(id: 1, isUpgradeRequest: false) })
        #expect(!machine { $0.startExchange(id: 2, isUpgradeRequest: false) }, "one exchange at a time")
        #expect(machine { $0.requestSent(id: 1) } == .none)
        let head = Self.head(.ok, ["Content-Length": "5"])
        #expect(machine { $0.receivedHead(head) } == .deliverHead(head, rawMode: nil))
        #expect(machine { $0.receivedBodyPart(ByteBuffer(string: "hello")) } == .yieldBody(ByteBuffer(string: "hello")))
        #expect(machine { $0.receivedEnd() } == .finishExchange(reusable: true, closeConnection: false))
        #expect(machine.value.isIdle)
        #expect(machine { $0.startExchange(id: 2, isUpgradeRequest: false) })
    }

    @Test func connectionCloseResponseIsNotReused() {
        let machine = Ref(Self.streaming(["Connection": "close"]))
        #expect(machine { $0.receivedEnd() } == .finishExchange(reusable: false, closeConnection: true))
        #expect(machine.value.state == .closed)
        #expect(!machine { $0.startExchange(id: 2, isUpgradeRequest: false) })
    }

    @Test func http10ResponseIsNotReused() {
        let machine = Ref(Machine())
        _ = machine.value.startExchange(id: 1, isUpgradeRequest: false)
        _ = machine.value.requestSent(id: 1)
        _ = machine.value.receivedHead(HTTPResponseHead(version: .http1_0, status: .ok))
        #expect(machine { $0.receivedEnd() } == .finishExchange(reusable: false, closeConnection: true))
    }

    @Test func responseEndingBeforeTheRequestWasSentIsNotReused() {
        let machine = Ref(Machine())
        _ = machine.value.startExchange(id: 1, isUpgradeRequest: false)
        _ = machine.value.receivedHead(Self.head(.payloadTooLarge))
        // The daemon answered early; the body is still being written, so the stream is unusable.
        #expect(machine { $0.receivedEnd() } == .finishExchange(reusable: false, closeConnection: true))
    }

    @Test func requestSentForAnotherExchangeIsIgnored() {
        let machine = Ref(Machine())
        _ = machine.value.startExchange(id: 2, isUpgradeRequest: false)
        _ = machine.value.requestSent(id: 1)
        _ = machine.value.receivedHead(Self.head(.ok))
        #expect(machine { $0.receivedEnd() } == .finishExchange(reusable: false, closeConnection: true))
    }

    @Test func readsAreHeldWhileTheConsumerHasNoDemand() {
        let machine = Ref(Self.streaming())
        #expect(machine { $0.readRequested() } == .read)
        machine.value.consumerStoppedDemand()
        #expect(machine { $0.readRequested() } == .none, "held back")
        #expect(machine { $0.consumerDemandsMore(id: 7) } == .none, "another exchange's demand")
        #expect(machine { $0.consumerDemandsMore(id: 1) } == .read, "the held read goes on")
        #expect(machine { $0.consumerDemandsMore(id: 1) } == .none, "only one held read")
        #expect(machine { $0.readRequested() } == .read)
    }

    @Test func demandWithoutAHeldReadForwardsNothing() {
        let machine = Ref(Self.streaming())
        machine.value.consumerStoppedDemand()
        #expect(machine { $0.consumerDemandsMore(id: 1) } == .none)
        #expect(machine { $0.readRequested() } == .read)
    }

    @Test func readsGoOnWhileIdleOrWaitingForTheHead() {
        let machine = Ref(Machine())
        #expect(machine { $0.readRequested() } == .read)
        _ = machine.value.startExchange(id: 1, isUpgradeRequest: false)
        #expect(machine { $0.readRequested() } == .read)
    }

    @Test func consumerGoneMidBodyClosesTheConnection() {
        let machine = Ref(Self.streaming())
        _ = machine.value.receivedBodyPart(ByteBuffer(string: "x"))
        #expect(machine { $0.consumerTerminated(id: 2) } == .none, "another exchange")
        #expect(machine { $0.consumerTerminated(id: 1) } == .closeConnection)
        #expect(machine.value.state == .closed)
        #expect(machine { $0.receivedBodyPart(ByteBuffer(string: "late")) } == .none)
        #expect(machine { $0.receivedEnd() } == .none)
        #expect(machine { $0.channelInactive() } == .none)
    }

    @Test func consumerGoneAfterTheEndChangesNothing() {
        let machine = Ref(Self.streaming())
        _ = machine.value.receivedEnd()
        #expect(machine { $0.consumerTerminated(id: 1) } == .none)
        #expect(machine.value.isIdle)
    }

    @Test func inactiveWhileWaitingForTheHeadFailsWithConnectionClosed() {
        let machine = Ref(Machine())
        _ = machine.value.startExchange(id: 1, isUpgradeRequest: false)
        guard case .failExchange(let error) = machine.value.channelInactive() else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .connectionClosed)
        #expect(machine.value.state == .closed)
    }

    @Test func inactiveMidBodyFailsWithConnectionClosed() {
        let machine = Ref(Self.streaming(["Content-Length": "10"]))
        _ = machine.value.receivedBodyPart(ByteBuffer(string: "12345"))
        guard case .failExchange(let error) = machine.value.channelInactive() else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .connectionClosed)
    }

    @Test func inactiveWhileIdleIsQuiet() {
        let machine = Ref(Machine())
        #expect(machine { $0.channelInactive() } == .none)
        #expect(machine.value.state == .closed)
        #expect(!machine { $0.startExchange(id: 1, isUpgradeRequest: false) })
    }

    @Test func upgradeWith101BecomesARawDuplexThatFinishesWithoutClosing() {
        let machine = Ref(Machine())
        _ = machine.value.startExchange(id: 1, isUpgradeRequest: true)
        _ = machine.value.requestSent(id: 1)
        #expect(machine { $0.receivedHead(Self.upgradeHead) } == .deliverHead(Self.upgradeHead, rawMode: .upgraded))
        #expect(machine { $0.receivedEnd() } == .enterRawInbound)
        #expect(machine { $0.receivedBodyPart(ByteBuffer(string: "EARLY")) } == .yieldBody(ByteBuffer(string: "EARLY")))
        #expect(machine { $0.receivedBodyPart(ByteBuffer(string: "more")) } == .yieldBody(ByteBuffer(string: "more")))
        #expect(machine { $0.inputClosed() } == .finishExchange(reusable: false, closeConnection: false))
        #expect(machine.value.state == .closed)
        #expect(machine { $0.channelInactive() } == .none)
    }

    @Test func upgradedDuplexClosedByThePeerFinishesWell() {
        let machine = Ref(Machine())
        _ = machine.value.startExchange(id: 1, isUpgradeRequest: true)
        _ = machine.value.receivedHead(Self.upgradeHead)
        _ = machine.value.receivedEnd()
        #expect(machine { $0.channelInactive() } == .finishExchange(reusable: false, closeConnection: false))
    }

    /// A daemon that closes with our stdin unread resets the connection; on a duplex that is its
    /// close, after every byte it sent. Anywhere else a reset fails the exchange.
    @Test func aResetEndsARawDuplexAndFailsAnythingElse() {
        let reset = HTTPTransportError(.io, "Connection reset by peer")
        for rawHead in [Self.upgradeHead, Self.head(.ok)] {
            let machine = Ref(Machine())
            _ = machine.value.startExchange(id: 1, isUpgradeRequest: true)
            _ = machine.value.receivedHead(rawHead)
            #expect(machine { $0.receivedBodyPart(ByteBuffer(string: "out")) } == .yieldBody(ByteBuffer(string: "out")))
            #expect(machine { $0.peerReset(reset) } == .finishExchange(reusable: false, closeConnection: true))
            #expect(machine { $0.channelInactive() } == .none)
        }
        let ordinary = Ref(Self.streaming(["Content-Length": "10"]))
        #expect(ordinary { $0.peerReset(reset) } == .failExchange(reset))
        let waiting = Ref(Machine())
        _ = waiting.value.startExchange(id: 1, isUpgradeRequest: true)
        #expect(waiting { $0.peerReset(reset) } == .failExchange(reset))
    }

    @Test func upgradeAnsweredWith200ReadsTheBodyUntilEOF() {
        let machine = Ref(Machine())
        _ = machine.value.startExchange(id: 1, isUpgradeRequest: true)
        _ = machine.value.requestSent(id: 1)
        let head = Self.head(.ok, ["Content-Type": "application/vnd.docker.raw-stream"])
        #expect(machine { $0.receivedHead(head) } == .deliverHead(head, rawMode: .rawBodyUntilEOF))
        #expect(machine { $0.receivedBodyPart(ByteBuffer(string: "out")) } == .yieldBody(ByteBuffer(string: "out")))
        guard case .finishExchange(reusable: false, _) = machine.value.receivedEnd() else {
            Issue.record("the EOF must finish the exchange, not reuse the connection")
            return
        }
    }

    @Test func a101ToAnOrdinaryRequestFailsTheExchange() {
        let machine = Ref(Machine())
        _ = machine.value.startExchange(id: 1, isUpgradeRequest: false)
        _ = machine.value.requestSent(id: 1)
        guard case .failExchange(let error) = machine.value.receivedHead(Self.upgradeHead) else {
            Issue.record("a 101 nobody asked for must fail the exchange, not leave a connection that no longer parses")
            return
        }
        #expect(error.code == .malformedResponse)
        #expect(machine.value.state == .closed)
    }

    @Test func upgradeRefusedIsAnOrdinaryResponseNeverReused() {
        let machine = Ref(Machine())
        _ = machine.value.startExchange(id: 1, isUpgradeRequest: true)
        _ = machine.value.requestSent(id: 1)
        let head = Self.head(.notFound, ["Content-Length": "2"])
        #expect(machine { $0.receivedHead(head) } == .deliverHead(head, rawMode: nil))
        _ = machine.value.receivedBodyPart(ByteBuffer(string: "{}"))
        #expect(machine { $0.receivedEnd() } == .finishExchange(reusable: false, closeConnection: true))
    }

    @Test func deadlineFailsTheRunningExchangeOnly() {
        let machine = Ref(Machine())
        _ = machine.value.startExchange(id: 1, isUpgradeRequest: false)
        #expect(machine { $0.deadlineExceeded(id: 9) } == .none)
        #expect(machine { $0.deadlineExceeded(id: 1) } == .failExchange(.deadlineExceeded))
        #expect(machine.value.state == .closed)

        let finished = Ref(Self.streaming())
        _ = finished.value.receivedEnd()
        #expect(finished { $0.deadlineExceeded(id: 1) } == .none, "a late timer after the end is harmless")
        #expect(finished.value.isIdle)
    }

    @Test func deadlineMidBodyFailsTheBody() {
        let machine = Ref(Self.streaming())
        _ = machine.value.receivedBodyPart(ByteBuffer(string: "x"))
        #expect(machine { $0.deadlineExceeded(id: 1) } == .failExchange(.deadlineExceeded))
    }

    @Test func errorsFailTheExchangeOrCloseAnIdleConnection() {
        let error = HTTPTransportError.malformedResponse("garbage")
        let waiting = Ref(Machine())
        _ = waiting.value.startExchange(id: 1, isUpgradeRequest: false)
        #expect(waiting { $0.errorCaught(error) } == .failExchange(error))
        #expect(waiting.value.state == .closed)

        let idle = Ref(Machine())
        #expect(idle { $0.errorCaught(error) } == .closeConnection)
        #expect(idle.value.state == .closed)
    }

    @Test func responsesNobodyAskedForAreMalformed() {
        let idle = Ref(Machine())
        guard case .closeConnection = idle.value.receivedHead(Self.head(.ok)) else {
            Issue.record("a head with no request must close the connection")
            return
        }
        let idle2 = Ref(Machine())
        #expect(idle2 { $0.receivedBodyPart(ByteBuffer(string: "x")) } == .closeConnection)
        let waiting = Ref(Machine())
        _ = waiting.value.startExchange(id: 1, isUpgradeRequest: false)
        guard case .failExchange(let error) = waiting.value.receivedBodyPart(ByteBuffer(string: "x")) else {
            Issue.record("body before head must fail the exchange")
            return
        }
        #expect(error.code == .malformedResponse)
    }
}
