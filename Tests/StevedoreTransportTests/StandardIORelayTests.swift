import NIOCore
import StevedoreTestSupport
import StevedoreTransport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `system dial-stdio`, the remote end of `ssh://`: the daemon's bytes reach standard output
/// whole, however the two directions end.
@Suite struct StandardIORelayTests {
    /// stdin ends first (the client's EOF), then the daemon answers and hangs up while the
    /// relay still holds part of the answer for a standard output nobody reads yet: the held
    /// part is still written. (It was dropped: closing stdout's output after its input ended
    /// is a full close to NIO, and a full close fails the queued writes.)
    @Test func theAnswerAfterTheInputEndedArrivesWholeAfterTheDaemonHangsUp() async throws {
        // More than a pipe holds (64 KiB), less than what NIO queues before it stops reading.
        let answer = [UInt8](repeating: 0x6F, count: 96 << 10)
        let server = try await FakeHTTPServer.start { connection in
            _ = try await connection.readToEOF()
            try await connection.write(answer)
        }
        let (relay, stdin, stdout) = Self.relay(to: server)
        #expect(write(stdin, "request", 7) == 7)
        close(stdin)
        // The relay reads the whole answer and the daemon's EOF while nothing reads its output.
        try await Task.sleep(for: .milliseconds(500))
        var received = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(stdout, &buffer, buffer.count)
            guard count > 0 else { break }
            received += count
        }
        close(stdout)
        try await relay.value
        await server.shutdown()
        #expect(received == answer.count)
    }

    /// The daemon answers and hangs up while standard input stays open (an `ssh` session that
    /// keeps its end): the relay ends once the answer is out, as docker's does, without
    /// waiting for standard input to end.
    @Test func theDaemonHangingUpEndsTheRelayThoughStandardInputStaysOpen() async throws {
        let server = try await FakeHTTPServer.start { connection in
            _ = try await connection.readRaw()
            try await connection.write("answer")
        }
        let (relay, stdin, stdout) = Self.relay(to: server)
        #expect(write(stdin, "request", 7) == 7)
        try await withTimeout(20) { try await relay.value }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(stdout, &buffer, buffer.count)
        #expect(String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self) == "answer")
        #expect(read(stdout, &buffer, buffer.count) == 0, "the relay closed its standard output")
        close(stdin)
        close(stdout)
        await server.shutdown()
    }

    /// The daemon resets the connection in the middle of the exchange: the relay fails (for
    /// `dial-stdio`, a non-zero exit), as docker's does. It ended as if all went well.
    @Test func aDaemonThatResetsTheConnectionFailsTheRelay() async throws {
        // TCP: a unix socket has no reset.
        let server = try await FakeHTTPServer.start(on: .localhost) { connection in
            _ = try await connection.readRaw()
            await connection.reset()
        }
        let (relay, stdin, stdout) = Self.relay(to: server)
        #expect(write(stdin, "request", 7) == 7)
        let error = await #expect(throws: HTTPTransportError.self) { try await withTimeout(20) { try await relay.value } }
        #expect(error?.code == .io)
        #expect(error?.detail.contains("connection to the daemon") == true, "\(String(describing: error))")
        close(stdin)
        close(stdout)
        await server.shutdown()
    }

    /// A relay to `server` through two new pipes, and the test's ends of them: the relay's
    /// standard input to write and its standard output to read.
    static func relay(to server: FakeHTTPServer) -> (relay: Task<Void, any Error>, stdin: CInt, stdout: CInt) {
        var input: [CInt] = [0, 0]
        var output: [CInt] = [0, 0]
        #expect(pipe(&input) == 0 && pipe(&output) == 0)
        let (relayInput, relayOutput) = (input[0], output[1])
        let relay = Task { try await StandardIORelay.run(to: server.target, input: relayInput, output: relayOutput) }
        return (relay, input[1], output[0])
    }
}
