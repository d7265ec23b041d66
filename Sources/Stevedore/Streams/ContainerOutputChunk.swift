import NIOCore

/// A piece of what a container (or an exec process) wrote, as the daemon streams it from
/// attach, exec start and logs.
///
/// `bytes` is a slice of the buffer read from the socket (no copy); a chunk is never empty.
/// Chunks are not lines: a write of the process may arrive in several chunks, and with a raw
/// stream several writes may arrive in one. See ``ContainerOutput/lines(parsingTimestamps:maxLineBytes:)``
/// for lines.
public struct ContainerOutputChunk: Hashable, Sendable {
    /// Which stream of the process the bytes belong to.
    public enum Stream: UInt8, Hashable, Sendable, CaseIterable {
        /// Stream type 0 of a multiplexed stream: the daemon echoes stdin on it in some set-ups;
        /// docker's own tools write it to stdout, and so do the helpers here.
        case stdin = 0
        /// Stream type 1.
        case stdout = 1
        /// Stream type 2.
        case stderr = 2
        /// A raw (not multiplexed) stream: a TTY's output, where stdout and stderr are one, or
        /// the output of a websocket attach.
        case console = 255
    }

    /// Which stream.
    public var stream: Stream
    /// The bytes, never empty.
    public var bytes: ByteBuffer

    public init(_ stream: Stream, _ bytes: ByteBuffer) {
        self.stream = stream
        self.bytes = bytes
    }

    /// The bytes as an array (a copy; ``bytes`` is the zero-copy view for NIO users).
    public var byteArray: [UInt8] { Array(self.bytes.readableBytesView) }

    /// The bytes decoded as UTF-8 (invalid sequences become U+FFFD). A multi-byte character may
    /// be split between two chunks: decode whole lines with ``ContainerOutput/lines(parsingTimestamps:maxLineBytes:)``.
    public var text: String { String(buffer: self.bytes) }
}
