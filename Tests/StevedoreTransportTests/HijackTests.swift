import Foundation
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

    /// The connection of an exec start that the server upgrades; anything else is an error.
    static func upgradedExecStart(over transport: HTTPTransport) async throws -> HijackedConnection {
        let outcome = try await transport.hijack(HTTPRequest(method: .POST, target: "/exec/e/start"))
        guard case .upgraded(let connection) = outcome else {
            throw HTTPTransportError(.upgradeRefused, "expected an upgrade, got \(outcome)")
        }
        return connection
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

    /// A process that ends without reading its stdin: the daemon closes with our bytes unread in
    /// its socket, and the kernel reports a reset after its output instead of EOF. The output
    /// ends there, whole (it failed, losing what a collector had read).
    @Test func aCloseThatLeavesOurInputUnreadEndsTheOutputWhole() async throws {
        let output = String(repeating: "out", count: 1000)
        try await withFakeServer(script: { connection in
            guard try await connection.readRequest() != nil else { return }
            try await connection.write(Self.upgradeHead + output)
            // Some input has come: the rest of it is left unread in the socket.
            _ = try await connection.readRaw()
            await connection.close()
        }) { transport, _ in
            let connection = try await Self.upgradedExecStart(over: transport)
            // More than the socket buffers and the server's reads can hold.
            let input = Task { try? await connection.write(ByteBuffer(repeating: 0x61, count: 16 << 20)) }
            var iterator = connection.output.makeAsyncIterator()
            #expect(try await readToEnd(&iterator) == output)
            await connection.close()
            await input.value
        }
    }

    /// The same reset arriving with the `101` head in one read burst, before the HTTP decoder's
    /// removal has forwarded the bytes after the head: they still come, whole, before the end
    /// (the reset ended the output first and they were dropped).
    @Test func aResetInTheBurstOfTheHeadKeepsTheOutput() async throws {
        let output = String(repeating: "0123456789abcdef", count: 4096)
        let server = try UnreadingServer(answer: Array((Self.upgradeHead + output).utf8), connections: 40)
        defer { server.stop() }
        let transport = HTTPTransport(target: .unixSocket(path: server.path))
        defer { transport.shutdown() }
        try await withTimeout(90) {
            for _ in 0..<40 {
                let connection = try await Self.upgradedExecStart(over: transport)
                var iterator = connection.output.makeAsyncIterator()
                let received = try await readToEnd(&iterator)
                #expect(received.utf8.count == output.utf8.count)
                await connection.close()
            }
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
            let connection = try await Self.upgradedExecStart(over: transport)
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

/// A unix socket server of plain system calls that never reads: once a connection's request
/// has arrived, it writes `answer` and closes with the request unread in the socket, so that the
/// client's kernel reports a reset where it would report EOF, after every byte of `answer`.
private final class UnreadingServer: @unchecked Sendable {
    let path: String
    private let listener: Int32
    private let thread: Thread

    init(answer: [UInt8], connections: Int) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-unreading-\(UUID().uuidString.prefix(8)).sock")
            .path
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8.prefix($0.count - 1)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard listener >= 0, bound == 0, listen(listener, 8) == 0 else {
            throw HTTPTransportError(.io, "cannot listen at \(path): \(String(cString: strerror(errno)))")
        }
        self.path = path
        self.listener = listener
        self.thread = Thread {
            for _ in 0..<connections {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                var request = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
                _ = poll(&request, 1, 10_000)
                var written = 0
                while written < answer.count {
                    let count = answer[written...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
                    guard count > 0 else { break }
                    written += count
                }
                close(client)
            }
        }
        self.thread.start()
    }

    func stop() {
        shutdown(self.listener, Int32(SHUT_RDWR))
        close(self.listener)
        unlink(self.path)
    }
}
