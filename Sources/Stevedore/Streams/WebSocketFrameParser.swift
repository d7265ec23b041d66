import NIOCore
import NIOWebSocket

/// Parses the frames a websocket server sends (RFC 6455 §5.2) from bytes in any split, as a
/// plain value: ``append(_:)`` what was read, then take frames with ``nextFrame()`` until it
/// returns `nil`. A frame's payload is a slice of the input when it arrived in one read.
struct WebSocketFrameParser: Sendable {
    struct Frame: Sendable, Equatable {
        var fin: Bool
        var opcode: WebSocketOpcode
        /// Unmasked.
        var payload: ByteBuffer
    }

    /// Frames larger than this are refused, so a broken peer cannot exhaust memory.
    let maxFrameSize: Int
    private var input = ByteBuffer()

    init(maxFrameSize: Int) {
        self.maxFrameSize = maxFrameSize
    }

    mutating func append(_ bytes: ByteBuffer) {
        if self.input.readableBytes == 0 {
            self.input = bytes
        } else {
            var bytes = bytes
            self.input.writeBuffer(&bytes)
        }
    }

    /// Checks that the input ended between frames: throws
    /// ``DockerError/Category/malformedResponse`` when it was cut inside one (its bytes would
    /// be lost).
    func finish() throws {
        guard self.input.readableBytes == 0 else {
            throw DockerError.malformedResponse(
                "the daemon's websocket stream ended inside a frame (\(self.input.readableBytes) bytes of it came)")
        }
    }

    /// The next whole frame, `nil` when more bytes are needed. Throws
    /// ``DockerError/Category/malformedResponse`` for reserved bits, an unknown opcode or a
    /// frame over the size limit.
    mutating func nextFrame() throws -> Frame? {
        let view = self.input.readableBytesView
        guard view.count >= 2 else { return nil }
        let first = view[view.startIndex]
        let second = view[view.startIndex + 1]
        guard first & 0x70 == 0 else { throw DockerError.malformedResponse("a websocket frame has reserved bits set") }
        // Data (0 continuation, 1 text, 2 binary) and control (8 close, 9 ping, 10 pong); the
        // rest are reserved.
        guard [0, 1, 2, 8, 9, 10].contains(first & 0x0F), let opcode = WebSocketOpcode(encodedWebSocketOpcode: first & 0x0F) else {
            throw DockerError.malformedResponse("a websocket frame has an unknown opcode \(first & 0x0F)")
        }
        var headerLength = 2
        var length = UInt64(second & 0x7F)
        switch length {
        case 126:
            guard let extended = self.input.getInteger(at: self.input.readerIndex + 2, as: UInt16.self) else { return nil }
            length = UInt64(extended)
            headerLength += 2
        case 127:
            guard let extended = self.input.getInteger(at: self.input.readerIndex + 2, as: UInt64.self) else { return nil }
            length = extended
            headerLength += 8
        default:
            break
        }
        guard length <= UInt64(self.maxFrameSize) else {
            throw DockerError.malformedResponse("a websocket frame of \(length) bytes exceeds the limit of \(self.maxFrameSize)")
        }
        var maskingKey: WebSocketMaskingKey?
        if second & 0x80 != 0 {
            guard let bytes = self.input.getBytes(at: self.input.readerIndex + headerLength, length: 4) else { return nil }
            maskingKey = WebSocketMaskingKey(bytes)
            headerLength += 4
        }
        guard self.input.readableBytes >= headerLength + Int(length) else { return nil }
        self.input.moveReaderIndex(forwardBy: headerLength)
        var payload = self.input.readSlice(length: Int(length))!
        if let maskingKey { payload.webSocketUnmask(maskingKey) }
        if self.input.readableBytes == 0 { self.input = ByteBuffer() }
        return Frame(fin: first & 0x80 != 0, opcode: opcode, payload: payload)
    }
}
