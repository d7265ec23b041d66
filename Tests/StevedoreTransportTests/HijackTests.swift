import NIOCore
import NIOHTTP1
import StevedoreTestSupport
import StevedoreTransport
import Testing

/// Requests that take over their connection as a raw duplex, as attach and exec start do.
@Suite struct HijackTests {
    static let upgradeHead =
        "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"
    static let rawHead = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n"

    /// How the server's answer and its first output bytes are cut into writes.
    enum Answer: String, CaseIterable, Sendable {
        case upgradeWithEarlyBytesInOneWrite, upgradeThenEarlyBytes, upgradeHeadSplit, rawOKWithEarlyBytes

        var writes: [String] {
            switch self {
            case .upgradeWithEarlyBytesInOneWrite: return [HijackTests.upgradeHead + "EARLY"]
            case .upgradeThenEarlyBytes: return [HijackTests.upgradeHead, "EARLY"]
            case .upgradeHeadSplit:
                let head = HijackTests.upgradeHead
                let cut = head.index(head.startIndex, offsetBy: 20)
                return [String(head[..<cut]), String(head[cut...]) + "EA", "RLY"]
            case .rawOKWithEarlyBytes: return [HijackTests.rawHead + "EARLY"]
            }
        }
    }

    /// Answers the upgrade as `answer` says, echoes what it reads until the client's EOF, then
    /// writes `BYE` and closes.
    static func echoUntilEOF(_ answer: Answer) -> @Sendable (FakeHTTPConnection) async throws -> Void {
        { connection in
            guard let request = try await connection.readRequest() else { return }
            guard request.headers["Upgrade"] == ["tcp"], request.headers["Connection"] == ["Upgrade"] else {
                try await connection.write(response("400 Bad Request", body: "no upgrade asked"))
                return
            }
            for write in answer.writes { try await connection.write(write) }
            while let bytes = try await connection.readRaw() { try await connection.write(bytes) }
            try await connection.write("BYE")
        }
    }

    /// The whole duplex conversation from the client's side.
    static func converse(over transport: HTTPTransport) async throws {
        let outcome = try await transport.hijack(HTTPRequest(method: .POST, target: "/containers/c/attach?stream=1&stdin=1"))
        guard case .upgraded(let connection) = outcome else {
            Issue.record("expected an upgrade, got \(outcome)")
            return
        }
        #expect(connection.head.headers["Content-Type"] == ["application/vnd.docker.raw-stream"])
        var output = connection.output.makeAsyncIterator()
        #expect(try await read(5, from: &output) == "EARLY")
        try await connection.write(ByteBuffer(string: "ping"))
        #expect(try await read(4, from: &output) == "ping")
        try await connection.closeWrite()
        #expect(try await readToEnd(&output) == "BYE")
        await connection.close()
    }

    @Test(arguments: Answer.allCases)
    func aHijackedConnectionIsARawDuplexThatHalfCloses(answer: Answer) async throws {
        try await withFakeServer(script: Self.echoUntilEOF(answer)) { transport, _ in
            try await Self.converse(over: transport)
        }
    }

    @Test func earlyBytesAfterA101AreNeverLostOrReordered() async throws {
        try await withFakeServer(script: Self.echoUntilEOF(.upgradeWithEarlyBytesInOneWrite)) { transport, server in
            for _ in 0..<200 { try await Self.converse(over: transport) }
            #expect(server.acceptedConnections == 200)
        }
    }

    @Test func aHijackOverTCPWorksToo() async throws {
        try await withFakeServer(on: .localhost, script: Self.echoUntilEOF(.upgradeThenEarlyBytes)) { transport, _ in
            try await Self.converse(over: transport)
        }
    }

    @Test func aRefusedHijackReturnsTheResponseWithItsBody() async throws {
        let message = #"{"message":"No such container: c"}"#
        try await withFakeServer(script: { connection in
            guard try await connection.readRequest() != nil else { return }
            try await connection.write(response("404 Not Found", body: message, headers: ["Content-Type: application/json"]))
            _ = try await connection.readToEOF()
        }) { transport, _ in
            let outcome = try await transport.hijack(HTTPRequest(method: .POST, target: "/containers/c/attach"))
            guard case .refused(let response) = outcome else {
                Issue.record("expected a refusal, got \(outcome)")
                return
            }
            #expect(response.status == .notFound)
            #expect(String(buffer: try await response.body.collect(upTo: 1024)) == message)
        }
    }

    @Test func theServerEndingItsOutputFirstLeavesTheInputOpen() async throws {
        let events = Events()
        try await withFakeServer(script: { connection in
            guard try await connection.readRequest() != nil else { return }
            try await connection.write(Self.upgradeHead + "all output")
            connection.closeWrite()
            events.send(String(buffer: try await connection.readToEOF()))
        }) { transport, _ in
            guard case .upgraded(let connection) = try await transport.hijack(HTTPRequest(method: .POST, target: "/exec/e/start"))
            else {
                Issue.record("expected an upgrade")
                return
            }
            var output = connection.output.makeAsyncIterator()
            let all = try await readToEnd(&output)
            #expect(all == "all output")
            try await connection.write(ByteBuffer(string: "late stdin"))
            try await connection.closeWrite()
            #expect(await events.next() == "late stdin")
            await connection.close()
        }
    }
}
