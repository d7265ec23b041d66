import NIOCore
import NIOWebSocket
import StevedoreTransport

/// A websocket client (RFC 6455) over a connection the transport upgraded with
/// `Upgrade: websocket`, for `/containers/{id}/attach/ws`: each write goes out as one masked
/// binary frame; ``output`` yields the payloads of the daemon's data frames, answers pings,
/// and ends at the daemon's close frame or EOF. Frames are parsed by ``WebSocketFrameParser``
/// (NIOWebSocket's decoder works only inside a channel pipeline, which the hijacked
/// connection has left).
///
/// The handshake checks the `101` and its `Upgrade: websocket`; it does not check
/// `Sec-WebSocket-Accept`, which guards against caching proxies that a Docker socket does not
/// have.
struct WebSocketConnection: StreamConnection {
    /// The largest frame accepted from the daemon (it sends one per write of the process).
    static let maxFrameSize = 16 << 20

    let connection: HijackedConnection

    /// The request headers of the handshake.
    static func handshakeHeaders() -> [(String, String)] {
        [
            ("Sec-WebSocket-Key", NIOWebSocketClientUpgrader.randomRequestKey()),
            ("Sec-WebSocket-Version", "13"),
            // The daemon's websocket server wants an Origin to parse.
            ("Origin", "http://localhost"),
        ]
    }

    init(connection: HijackedConnection) throws {
        guard connection.head.status.code == 101,
            connection.head.headers.first(name: "Upgrade")?.lowercased() == "websocket"
        else {
            let upgrade = connection.head.headers.first(name: "Upgrade") ?? "none"
            throw DockerError.malformedResponse(
                "the daemon did not switch to a websocket (status \(connection.head.status.code), Upgrade: \(upgrade))")
        }
        self.connection = connection
    }

    var output: Payloads { Payloads(connection: self.connection) }

    func write(_ bytes: ByteBuffer) async throws {
        try await self.connection.write(Self.frame(.binary, bytes))
    }

    /// Sends a close frame: the daemon reads EOF on the container's stdin. A websocket has no
    /// half-close, so the daemon answers by closing too, and the output ends.
    func closeWrite() async throws {
        try await self.connection.write(Self.closeFrame())
    }

    /// Sends the close frame without waiting for it (a daemon that stopped reading must not
    /// hold the close), then closes the connection, after the frame.
    func close() async {
        self.connection.send(Self.closeFrame())
        await self.connection.close()
    }

    /// A close frame with status 1000 (a normal closure).
    static func closeFrame() -> ByteBuffer {
        Self.frame(.connectionClose, ByteBuffer(integer: UInt16(1000)))
    }

    /// A client frame: FIN, `opcode`, masked `payload`.
    static func frame(_ opcode: WebSocketOpcode, _ payload: ByteBuffer) -> ByteBuffer {
        var frame = ByteBuffer()
        frame.reserveCapacity(14 + payload.readableBytes)
        frame.writeInteger(0x80 | UInt8(webSocketOpcode: opcode))
        let length = payload.readableBytes
        if length < 126 {
            frame.writeInteger(0x80 | UInt8(length))
        } else if length <= Int(UInt16.max) {
            frame.writeInteger(UInt8(0x80 | 126))
            frame.writeInteger(UInt16(length))
        } else {
            frame.writeInteger(UInt8(0x80 | 127))
            frame.writeInteger(UInt64(length))
        }
        let key = WebSocketMaskingKey.random()
        frame.writeBytes(key)
        var masked = payload
        masked.webSocketMask(key)
        frame.writeBuffer(&masked)
        return frame
    }

    /// The payloads of the daemon's text, binary and continuation frames.
    struct Payloads: AsyncSequence, Sendable {
        typealias Element = ByteBuffer
        let connection: HijackedConnection

        func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(connection: self.connection)
        }

        struct AsyncIterator: AsyncIteratorProtocol {
            let connection: HijackedConnection
            var bytes: HTTPResponseBody.AsyncIterator
            var parser = WebSocketFrameParser(maxFrameSize: WebSocketConnection.maxFrameSize)
            var closed = false

            init(connection: HijackedConnection) {
                self.connection = connection
                self.bytes = connection.output.makeAsyncIterator()
            }

            mutating func next() async throws -> ByteBuffer? {
                while !self.closed {
                    let frame: WebSocketFrameParser.Frame?
                    do {
                        frame = try self.parser.nextFrame()
                    } catch {
                        self.closed = true
                        throw error
                    }
                    guard let frame else {
                        guard let buffer = try await self.bytes.next() else {
                            self.closed = true
                            try self.parser.finish()
                            break
                        }
                        self.parser.append(buffer)
                        continue
                    }
                    switch frame.opcode {
                    case .binary, .text, .continuation:
                        if frame.payload.readableBytes > 0 { return frame.payload }
                    case .ping:
                        try await self.connection.write(WebSocketConnection.frame(.pong, frame.payload))
                    case .connectionClose:
                        self.closed = true
                    default:
                        break
                    }
                }
                return nil
            }
        }
    }
}
