import NIOCore
import StevedoreTestSupport
import StevedoreTransport
import Testing

/// Runs `body` with a ``FakeHTTPServer`` running `script` and a transport pointed at it, within
/// `timeout` seconds; shuts both down afterwards, whatever happened.
func withFakeServer(
    on address: FakeHTTPServer.Address = .unixSocket,
    configuration: HTTPTransportConfiguration = .init(),
    // A hang guard, not a speed check: with the whole suite running in parallel on two cores
    // these exchanges were seen taking 56 s where they take 5 s alone.
    timeout: Double = 90,
    // What the transport connects to, given the server's address: the server itself, or a
    // program relaying to it.
    reaching: (ConnectionTarget) throws -> ConnectionTarget = { $0 },
    script: @escaping @Sendable (FakeHTTPConnection) async throws -> Void,
    _ body: @escaping @Sendable (HTTPTransport, FakeHTTPServer) async throws -> Void
) async throws {
    let server = try await FakeHTTPServer.start(on: address, script: script)
    let target: ConnectionTarget
    do {
        target = try reaching(server.target)
    } catch {
        await server.shutdown()
        throw error
    }
    let transport = HTTPTransport(target: target, configuration: configuration)
    let result = await Result(awaiting: { try await withTimeout(timeout) { try await body(transport, server) } })
    transport.shutdown()
    try await withTimeout(30) { await server.shutdown() }
    try result.get()
}

/// A complete response with a `Content-Length` body.
func response(_ status: String = "200 OK", body: String = "", headers: [String] = []) -> String {
    let head = (["HTTP/1.1 \(status)", "Content-Length: \(body.utf8.count)"] + headers).joined(separator: "\r\n")
    return head + "\r\n\r\n" + body
}

/// Answers every request on the connection with its target as the body, until the client closes.
@Sendable func echoTargets(_ connection: FakeHTTPConnection) async throws {
    while let request = try await connection.readRequest() {
        try await connection.write(response(body: request.target))
    }
}

/// A signal from a fake server's script to the test, awaited with the test's timeout.
struct Events: Sendable {
    let stream: AsyncStream<String>
    let continuation: AsyncStream<String>.Continuation

    init() {
        (self.stream, self.continuation) = AsyncStream.makeStream(of: String.self)
    }

    func send(_ event: String) {
        self.continuation.yield(event)
    }

    /// The next event; `nil` when the stream ended.
    func next() async -> String? {
        var iterator = self.stream.makeAsyncIterator()
        return await iterator.next()
    }
}

extension Result where Failure == any Error {
    init(awaiting body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

/// Reads from `iterator` until at least `count` bytes arrived (or the end) and returns them.
func read(_ count: Int, from iterator: inout HTTPResponseBody.AsyncIterator) async throws -> String {
    var collected = ByteBuffer()
    while collected.readableBytes < count, var part = try await iterator.next() {
        collected.writeBuffer(&part)
    }
    return String(buffer: collected)
}

/// Reads everything left in `iterator`.
func readToEnd(_ iterator: inout HTTPResponseBody.AsyncIterator) async throws -> String {
    try await read(.max, from: &iterator)
}

/// The transport error `body` throws, or a recorded issue when it throws something else or nothing.
func transportError(
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async -> HTTPTransportError? {
    do {
        try await body()
        Issue.record("expected an HTTPTransportError, nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as HTTPTransportError {
        return error
    } catch {
        Issue.record("expected an HTTPTransportError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
