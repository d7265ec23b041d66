import NIOCore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Splits Docker's multiplexed stream (the `stdcopy` format of attach, exec and logs for a
/// process without a TTY) into typed chunks. A plain value with no I/O: feed it the buffers
/// read from the socket with ``append(_:)``, take chunks with ``nextChunk()`` until it returns
/// `nil`, and call ``finish()`` at the end of the input.
///
/// The format is a sequence of frames, each an 8-byte header `[type, 0, 0, 0, size (UInt32,
/// big-endian)]` followed by `size` bytes of payload. Types: 0 stdin, 1 stdout, 2 stderr, and
/// 3, an error of the daemon whose payload is its message (thrown, ending the stream).
///
/// Correct for any split of the input: a header across reads, many frames in one read, and a
/// payload larger than any read, which is yielded in pieces as it arrives (a frame of any size
/// costs no memory beyond the reads it spans). ``nextChunk()`` yields payloads as slices of the
/// appended buffers, never copies (``nextChunk(coalescingUpTo:)`` copies the runs it joins);
/// frames of size 0 yield nothing.
public struct StreamDemultiplexer: Sendable {
    /// The longest daemon error message kept (the rest of a longer type-3 payload is dropped).
    public static let maxErrorMessageBytes = 64 << 10

    private enum State: Sendable {
        /// Reading a header, of which `count` bytes are in `header` already.
        case header(count: Int)
        /// Reading `remaining` bytes of payload of `stream`.
        case payload(ContainerOutputChunk.Stream, remaining: Int)
        /// Reading `remaining` bytes of a daemon error message.
        case errorMessage(remaining: Int)
    }

    private var state = State.header(count: 0)
    /// The bytes of a header split across reads (at most 8).
    private var header: [UInt8] = []
    private var errorMessage = ByteBuffer()
    /// Appended bytes not consumed yet.
    private var input = ByteBuffer()

    public init() {}

    /// Adds bytes read from the stream. Call after ``nextChunk()`` returned `nil`.
    public mutating func append(_ bytes: ByteBuffer) {
        if self.input.readableBytes == 0 {
            self.input = bytes
        } else {
            var bytes = bytes
            self.input.writeBuffer(&bytes)
        }
    }

    /// The next chunk that the appended bytes complete, or `nil` when more input is needed.
    ///
    /// Throws ``DockerError/Category/server`` with the daemon's message for a type-3 frame, and
    /// ``DockerError/Category/malformedResponse`` for an unknown stream type; the stream is over
    /// after either.
    public mutating func nextChunk() throws -> ContainerOutputChunk? {
        while self.input.readableBytes > 0 {
            switch self.state {
            case .header(let count):
                if count == 0, let (type, size) = self.peekedHeader() {
                    // The common case: the whole header is in this read.
                    self.input.moveReaderIndex(forwardBy: 8)
                    try self.startFrame(type: type, size: size)
                } else {
                    let taken = min(8 - count, self.input.readableBytes)
                    self.header += self.input.readBytes(length: taken)!
                    if self.header.count == 8 {
                        let size = self.header[4...].reduce(0) { $0 << 8 | Int($1) }
                        let type = self.header[0]
                        self.header.removeAll(keepingCapacity: true)
                        try self.startFrame(type: type, size: size)
                    } else {
                        self.state = .header(count: self.header.count)
                    }
                }
            case .payload(let stream, let remaining):
                let length = min(remaining, self.input.readableBytes)
                let bytes = self.input.readSlice(length: length)!
                self.state = remaining == length ? .header(count: 0) : .payload(stream, remaining: remaining - length)
                return ContainerOutputChunk(stream, bytes)
            case .errorMessage(let remaining):
                let length = min(remaining, self.input.readableBytes)
                var bytes = self.input.readSlice(length: length)!
                let room = Self.maxErrorMessageBytes - self.errorMessage.readableBytes
                if room > 0, var kept = bytes.readSlice(length: min(room, bytes.readableBytes)) {
                    self.errorMessage.writeBuffer(&kept)
                }
                if remaining == length {
                    try self.throwDaemonError()
                }
                self.state = .errorMessage(remaining: remaining - length)
            }
        }
        // All consumed: drop the reference to the last read's storage.
        self.input = ByteBuffer()
        return nil
    }

    /// Like ``nextChunk()``, with the payloads of the frames that follow it whole in the input,
    /// of the same stream, appended to it while the chunk stays within `limit` bytes: fewer and
    /// larger chunks for a reader to whom frame boundaries mean nothing (a writer to a file or a
    /// pipe), at the cost of copying the payloads of such a run into one buffer. A chunk that
    /// is followed by no such frame is the slice ``nextChunk()`` returns. A frame of another
    /// stream, of an error, or not whole yet ends the run and stays in the input.
    public mutating func nextChunk(coalescingUpTo limit: Int) throws -> ContainerOutputChunk? {
        guard let chunk = try self.nextChunk() else { return nil }
        guard case .header(count: 0) = self.state else { return chunk }
        var run: ByteBuffer?
        while let size = self.wholeFrameSize(of: chunk.stream), (run ?? chunk.bytes).readableBytes + size <= limit {
            if run == nil {
                var first = chunk.bytes
                run = ByteBufferAllocator().buffer(capacity: min(limit, first.readableBytes + self.input.readableBytes))
                run!.writeBuffer(&first)
            }
            self.input.moveReaderIndex(forwardBy: 8)
            var payload = self.input.readSlice(length: size)!
            run!.writeBuffer(&payload)
        }
        return run.map { ContainerOutputChunk(chunk.stream, $0) } ?? chunk
    }

    /// The payload size of the frame at the start of the input when it is a frame of `stream`
    /// and the input holds all of it.
    private func wholeFrameSize(of stream: ContainerOutputChunk.Stream) -> Int? {
        guard let (type, size) = self.peekedHeader(), type == stream.rawValue, self.input.readableBytes - 8 >= size else { return nil }
        return size
    }

    /// The stream type and payload size of the header at the start of the input, when the
    /// input holds all 8 bytes of it; nothing is consumed.
    private func peekedHeader() -> (type: UInt8, size: Int)? {
        let start = self.input.readerIndex
        guard self.input.readableBytes >= 8, let type = self.input.getInteger(at: start, as: UInt8.self),
            let size = self.input.getInteger(at: start + 4, endianness: .big, as: UInt32.self)
        else { return nil }
        return (type, Int(size))
    }

    /// Checks that the input ended between frames: throws ``DockerError/Category/malformedResponse``
    /// when it was cut inside a header or a payload (data would be lost), and the daemon's error
    /// when it was cut inside a type-3 message.
    public func finish() throws {
        switch self.state {
        case .header(count: 0):
            return
        case .header(let count):
            throw DockerError.malformedResponse("the daemon's multiplexed stream ended inside a frame header (\(count) of 8 bytes)")
        case .payload(let stream, let remaining):
            throw DockerError.malformedResponse(
                "the daemon's multiplexed stream ended \(remaining) bytes short of the end of a \(stream) frame")
        case .errorMessage:
            try self.throwDaemonErrorValue()
        }
    }

    private mutating func startFrame(type: UInt8, size: Int) throws {
        switch type {
        case 0, 1, 2:
            self.state = size == 0 ? .header(count: 0) : .payload(ContainerOutputChunk.Stream(rawValue: type)!, remaining: size)
        case 3:
            self.errorMessage.clear()
            self.state = .errorMessage(remaining: size)
            if size == 0 { try self.throwDaemonError() }
        default:
            self.input = ByteBuffer()
            throw DockerError.malformedResponse("the daemon's multiplexed stream has a frame of unknown stream type \(type)")
        }
    }

    private mutating func throwDaemonError() throws -> Never {
        self.input = ByteBuffer()
        self.state = .header(count: 0)
        try self.throwDaemonErrorValue()
    }

    private func throwDaemonErrorValue() throws -> Never {
        // Prefixed as moby's stdcopy prefixes it (a `service logs` of a node gone away): the
        // stream's other text is the container's, this the daemon's.
        let message = String(buffer: self.errorMessage).trimmingWhitespace()
        let described = message.isEmpty ? "the daemon reported an error in the stream" : "error from daemon in stream: " + message
        throw DockerError(category: .server, message: described)
    }
}
