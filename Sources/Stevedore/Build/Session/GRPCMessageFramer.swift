import NIOCore

/// gRPC's message framing on an HTTP/2 stream: each message is a flag byte (1 when compressed),
/// its length as a big-endian `UInt32`, then its bytes. A plain value: feed it the DATA as it
/// arrives and it returns the messages completed.
struct GRPCMessageFramer: Sendable {
    /// The largest message accepted from the daemon: 16 MiB (fsutil packets are at most 32 KiB
    /// of data).
    static let maximumMessageSize = 16 << 20

    private var buffer = ByteBuffer()

    /// The messages `bytes` completes. Throws ``DockerError/Category/malformedResponse`` for a
    /// compressed message (none was offered) or one over ``maximumMessageSize``.
    mutating func messages(in bytes: ByteBuffer) throws -> [ByteBuffer] {
        var bytes = bytes
        self.buffer.writeBuffer(&bytes)
        var messages: [ByteBuffer] = []
        while let flag = self.buffer.getInteger(at: self.buffer.readerIndex, as: UInt8.self),
            let length = self.buffer.getInteger(at: self.buffer.readerIndex + 1, as: UInt32.self)
        {
            guard flag == 0 else { throw DockerError.malformedResponse("the daemon sent a compressed gRPC message") }
            guard length <= Self.maximumMessageSize else {
                throw DockerError.malformedResponse("the daemon sent a gRPC message of \(length) bytes")
            }
            guard self.buffer.readableBytes >= 5 + Int(length) else { break }
            self.buffer.moveReaderIndex(forwardBy: 5)
            messages.append(self.buffer.readSlice(length: Int(length))!)
        }
        self.buffer.discardReadBytes()
        return messages
    }

    /// `message` framed, uncompressed.
    static func frame(_ message: some Collection<UInt8>) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(5 + message.count)
        buffer.writeInteger(UInt8(0))
        buffer.writeInteger(UInt32(message.count))
        buffer.writeBytes(message)
        return buffer
    }
}
