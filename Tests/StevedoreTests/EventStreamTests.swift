import NIOConcurrencyHelpers
import NIOCore
import Stevedore
import StevedoreTestSupport
import StevedoreTransport
import Testing

/// Event streams over a fake daemon: dropped connections and broken lines, which a real daemon
/// does not produce on demand.
@Suite struct EventStreamTests {
    /// One event line at `timeNano`, told apart by `action`.
    static func line(_ action: String, _ timeNano: Int64) -> String {
        #"{"Type":"container","Action":"\#(action)","Actor":{"ID":"c1","Attributes":{}},"time":\#(timeNano / 1_000_000_000),"#
            + #""timeNano":\#(timeNano)}"#
            + "\n"
    }

    static func chunk(_ text: String) -> String {
        String(text.utf8.count, radix: 16) + "\r\n" + text + "\r\n"
    }

    static let pingAnswer = "HTTP/1.1 200 OK\r\nAPI-Version: 1.41\r\nContent-Length: 0\r\n\r\n"
    static let streamHead = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"

    /// A fake daemon: answers pings; hands each `/events` request, numbered from 0, to `events`.
    static func daemon(
        events: @escaping @Sendable (_ number: Int, _ request: FakeHTTPRequest, _ connection: FakeHTTPConnection) async throws -> Void
    ) async throws -> FakeHTTPServer {
        let counter = NIOLockedValueBox(0)
        return try await FakeHTTPServer.start { connection in
            while let request = try await connection.readRequest() {
                if request.target.hasSuffix("/_ping") {
                    try await connection.write(Self.pingAnswer)
                } else {
                    let number = counter.withLockedValue { value in
                        defer { value += 1 }
                        return value
                    }
                    try await events(number, request, connection)
                    return
                }
            }
        }
    }

    static func client(for server: FakeHTTPServer) throws -> DockerClient {
        try DockerClient(configuration: .init(host: try DockerHost(parsing: server.target.description)))
    }

    /// The actions of the first `count` events a resuming stream delivers.
    static func firstActions(_ count: Int, resuming client: DockerClient) async throws -> [String] {
        try await withTimeout(60) {
            var actions: [String] = []
            for try await event in client.system.eventsResuming() {
                actions.append(event.action ?? "")
                if actions.count == count { break }
            }
            return actions
        }
    }

    @Test func resumingStreamReconnectsSinceTheLastEventWithoutDuplicates() async throws {
        let sinceOfReconnection = NIOLockedValueBox<String?>(nil)
        let server = try await Self.daemon { number, request, connection in
            switch number {
            case 0:
                try await connection.write(Self.streamHead + Self.chunk(Self.line("a", 100) + Self.line("b", 200) + Self.line("c", 200)))
                await connection.close()  // no final chunk: the connection drops mid-stream
            default:
                sinceOfReconnection.withLockedValue { $0 = request.target }
                // The daemon's `since` is inclusive: it sends b and c again, then the new d.
                try await connection.write(Self.streamHead + Self.chunk(Self.line("b", 200) + Self.line("c", 200) + Self.line("d", 300)))
                _ = try await connection.readToEOF()
            }
        }
        let client = try Self.client(for: server)
        let actions = try await Self.firstActions(4, resuming: client)
        #expect(actions == ["a", "b", "c", "d"])
        #expect(sinceOfReconnection.withLockedValue { $0 }?.contains("since=0.000000200") == true)
        client.shutdown()
        await server.shutdown()
    }

    /// On one connection an event may come after a later one (the daemon stamps it before it
    /// publishes it, or its clock stepped back): it is delivered, and the resumption point stays
    /// at the latest time.
    @Test func resumingStreamDeliversAnEventOlderThanTheOneBefore() async throws {
        let sinceOfReconnection = NIOLockedValueBox<String?>(nil)
        let server = try await Self.daemon { number, request, connection in
            switch number {
            case 0:
                try await connection.write(Self.streamHead + Self.chunk(Self.line("a", 200) + Self.line("b", 100) + Self.line("c", 300)))
                await connection.close()
            default:
                sinceOfReconnection.withLockedValue { $0 = request.target }
                try await connection.write(Self.streamHead + Self.chunk(Self.line("c", 300) + Self.line("d", 250) + Self.line("e", 400)))
                _ = try await connection.readToEOF()
            }
        }
        let client = try Self.client(for: server)
        let actions = try await Self.firstActions(4, resuming: client)
        // After the reconnection, c (delivered) and d (older than c: before the drop, if ever)
        // are skipped; e is new.
        #expect(actions == ["a", "b", "c", "e"])
        #expect(sinceOfReconnection.withLockedValue { $0 }?.contains("since=0.000000300") == true)
        client.shutdown()
        await server.shutdown()
    }

    /// A reconnection before any event was delivered has nothing to replay: an event older
    /// than the one before it on the new connection is delivered too.
    @Test func aReconnectionBeforeAnyEventSkipsNothing() async throws {
        let server = try await Self.daemon { number, _, connection in
            switch number {
            case 0:
                try await connection.write(Self.streamHead)
                await connection.close()
            default:
                try await connection.write(Self.streamHead + Self.chunk(Self.line("a", 100) + Self.line("b", 99) + Self.line("c", 101)))
                _ = try await connection.readToEOF()
            }
        }
        let client = try Self.client(for: server)
        #expect(try await Self.firstActions(3, resuming: client) == ["a", "b", "c"])
        client.shutdown()
        await server.shutdown()
    }

    @Test func resumingStreamGivesUpAfterItsAttempts() async throws {
        let server = try await Self.daemon { _, _, connection in
            try await connection.write(Self.streamHead)
            await connection.close()
        }
        let client = try Self.client(for: server)
        let error = await #expect(throws: DockerError.self) {
            try await withTimeout(60) {
                for try await _ in client.system.eventsResuming(maxReconnectAttempts: 2) {}
            }
        }
        #expect(error?.category == .connection)
        client.shutdown()
        await server.shutdown()
    }

    @Test func linesSplitAcrossChunksDecode() async throws {
        let text = Self.line("x", 1) + "\n" + Self.line("y", 2)
        let middle = text.index(text.startIndex, offsetBy: text.utf8.count / 3)
        let server = try await Self.daemon { _, _, connection in
            try await connection.write(Self.streamHead + Self.chunk(String(text[..<middle])))
            try await connection.write(Self.chunk(String(text[middle...])) + "0\r\n\r\n")
            _ = try await connection.readToEOF()
        }
        let client = try Self.client(for: server)
        let actions = try await withTimeout(60) {
            try await client.system.events().reduce(into: [String]()) { $0.append($1.action ?? "") }
        }
        #expect(actions == ["x", "y"])
        client.shutdown()
        await server.shutdown()
    }

    @Test(arguments: [
        // A stream cut inside a line.
        Self.chunk(Self.line("x", 1) + #"{"Type":"conta"#),
        // A line that is not JSON.
        Self.chunk("not json\n"),
    ])
    func aMalformedStreamIsAnError(body: String) async throws {
        let server = try await Self.daemon { _, _, connection in
            try await connection.write(Self.streamHead + body + "0\r\n\r\n")
            _ = try await connection.readToEOF()
        }
        let client = try Self.client(for: server)
        let error = await #expect(throws: DockerError.self) {
            try await withTimeout(60) { for try await _ in try await client.system.events() {} }
        }
        #expect(error?.category == .malformedResponse)
        client.shutdown()
        await server.shutdown()
    }
}
