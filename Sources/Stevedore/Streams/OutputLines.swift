import NIOCore

/// A line of a process's output: its bytes as written, and its text.
public struct OutputLine: Hashable, Sendable {
    /// The stream the line was written to.
    public var stream: ContainerOutputChunk.Stream
    /// The line's bytes as the process wrote them, without the `\n` (and without the parsed
    /// timestamp): a `\r` before the `\n` and invalid UTF-8 stay. What to write out when the
    /// output must stay byte for byte what the process wrote.
    public var bytes: ByteBuffer
    /// The time the daemon logged the line, when the stream carries timestamps (logs with
    /// `timestamps`) and they were asked to be parsed.
    public var timestamp: DockerTimestamp?
    /// `true` when the line was longer than the limit and this is a piece of it (cut at a
    /// character boundary), not its end.
    public var isPartial: Bool

    public init(stream: ContainerOutputChunk.Stream, bytes: ByteBuffer, timestamp: DockerTimestamp? = nil, isPartial: Bool = false) {
        self.stream = stream
        self.bytes = bytes
        self.timestamp = timestamp
        self.isPartial = isPartial
    }

    /// A line whose bytes are `text`'s UTF-8.
    public init(stream: ContainerOutputChunk.Stream, text: String, timestamp: DockerTimestamp? = nil, isPartial: Bool = false) {
        self.init(stream: stream, bytes: ByteBuffer(string: text), timestamp: timestamp, isPartial: isPartial)
    }

    /// The line decoded as UTF-8, without a `\r` before its `\n`; invalid UTF-8 becomes U+FFFD.
    /// Setting it sets ``bytes`` to the text's UTF-8.
    public var text: String {
        get {
            var bytes = self.bytes
            if !self.isPartial, bytes.readableBytesView.last == UInt8(ascii: "\r") {
                bytes.moveWriterIndex(to: bytes.writerIndex - 1)
            }
            return String(buffer: bytes)
        }
        set {
            self.bytes = ByteBuffer(string: newValue)
        }
    }
}

extension ContainerOutput {
    /// The output as lines, kept apart per stream: a line is complete when its stream has a
    /// `\n`, however the chunks of the two streams interleave, and a multi-byte character split
    /// between chunks is decoded whole. A last line without `\n` is delivered at the end.
    ///
    /// With `parsingTimestamps` (for logs requested with timestamps), each line's leading RFC
    /// 3339 time and the space after it are removed from the text and parsed into
    /// ``OutputLine/timestamp``. A line longer than `maxLineBytes` is delivered in pieces marked
    /// ``OutputLine/isPartial``, never held whole.
    public func lines(parsingTimestamps: Bool = false, maxLineBytes: Int = 1 << 20) -> OutputLines {
        OutputLines(output: self, parsingTimestamps: parsingTimestamps, maxLineBytes: Swift.max(maxLineBytes, 4))
    }
}

/// The lines of a ``ContainerOutput``: see ``ContainerOutput/lines(parsingTimestamps:maxLineBytes:)``.
public struct OutputLines: AsyncSequence, Sendable {
    public typealias Element = OutputLine

    let output: ContainerOutput
    let parsingTimestamps: Bool
    let maxLineBytes: Int

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(chunks: self.output.makeAsyncIterator(), parsingTimestamps: self.parsingTimestamps, maxLineBytes: self.maxLineBytes)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        private var chunks: ContainerOutput.AsyncIterator
        private var splitter: LineSplitter
        private let parsingTimestamps: Bool
        private var flushing: [ContainerOutputChunk.Stream]?

        init(chunks: ContainerOutput.AsyncIterator, parsingTimestamps: Bool, maxLineBytes: Int) {
            self.chunks = chunks
            self.splitter = LineSplitter(maxLineBytes: maxLineBytes)
            self.parsingTimestamps = parsingTimestamps
        }

        public mutating func next() async throws -> OutputLine? {
            while true {
                if let piece = self.splitter.nextLine() {
                    return self.decode(piece)
                }
                if self.flushing == nil, let chunk = try await self.chunks.next() {
                    self.splitter.append(chunk)
                    continue
                }
                // The end: the last lines that had no newline, stream by stream.
                if self.flushing == nil { self.flushing = ContainerOutputChunk.Stream.allCases }
                guard let stream = self.flushing?.popLast() else { return nil }
                if let piece = self.splitter.remainder(of: stream) {
                    return self.decode(piece)
                }
            }
        }

        private func decode(_ piece: LineSplitter.Piece) -> OutputLine {
            var bytes = piece.bytes
            var timestamp: DockerTimestamp?
            if self.parsingTimestamps, piece.startsLine,
                let space = bytes.readableBytesView.firstIndex(of: UInt8(ascii: " ")),
                let parsed = DockerTimestamp(String(decoding: bytes.readableBytesView[..<space], as: UTF8.self))
            {
                timestamp = parsed
                bytes.moveReaderIndex(to: space + 1)
            }
            return OutputLine(stream: piece.stream, bytes: bytes, timestamp: timestamp, isPartial: piece.isPartial)
        }
    }
}

/// Cuts chunks into lines per stream, as a plain value. Bytes of a line that fits in one chunk
/// are a slice of it; only a line spread over chunks is copied together.
struct LineSplitter: Sendable {
    struct Piece {
        var stream: ContainerOutputChunk.Stream
        /// Without the `\n`.
        var bytes: ByteBuffer
        /// The piece begins a line (it is a line, or the first piece of a long one).
        var startsLine: Bool
        /// More of the same line follows.
        var isPartial: Bool
    }

    let maxLineBytes: Int
    private var current: ContainerOutputChunk?
    /// Per stream: the start of a line whose newline has not arrived, and whether it began a line.
    private var pending: [ContainerOutputChunk.Stream: (bytes: ByteBuffer, startsLine: Bool)] = [:]

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    mutating func append(_ chunk: ContainerOutputChunk) {
        self.current = chunk
    }

    /// The next line (or piece of an over-long line) that the appended chunk completes.
    mutating func nextLine() -> Piece? {
        guard var chunk = self.current else { return nil }
        let stream = chunk.stream
        var (line, startsLine) = self.pending.removeValue(forKey: stream) ?? (ByteBuffer(), true)
        if let newline = chunk.bytes.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            var head = chunk.bytes.readSlice(length: newline - chunk.bytes.readerIndex)!
            chunk.bytes.moveReaderIndex(forwardBy: 1)
            self.current = chunk.bytes.readableBytes > 0 ? chunk : nil
            if line.readableBytes == 0 {
                line = head
            } else {
                line.writeBuffer(&head)
            }
            if line.readableBytes > self.maxLineBytes {
                return self.cut(&line, stream: stream, startsLine: startsLine, restIsWholeLine: true)
            }
            return Piece(stream: stream, bytes: line, startsLine: startsLine, isPartial: false)
        }
        self.current = nil
        if line.readableBytes == 0 {
            line = chunk.bytes
        } else {
            line.writeBuffer(&chunk.bytes)
        }
        if line.readableBytes > self.maxLineBytes {
            return self.cut(&line, stream: stream, startsLine: startsLine, restIsWholeLine: false)
        }
        self.pending[stream] = (line, startsLine)
        return nil
    }

    /// What is left of `stream`'s last line at the end of the output.
    mutating func remainder(of stream: ContainerOutputChunk.Stream) -> Piece? {
        guard let (line, startsLine) = self.pending.removeValue(forKey: stream), line.readableBytes > 0 else { return nil }
        return Piece(stream: stream, bytes: line, startsLine: startsLine, isPartial: false)
    }

    /// Returns the first `maxLineBytes` of `line` (less, to end on a character boundary) as a
    /// partial piece, and puts the rest back in front of what the chunk still holds, to be read
    /// again: with its newline when it was seen (`restIsWholeLine`), so that it is delivered
    /// next; without, so that a rest still over the limit is cut again before it waits.
    private mutating func cut(
        _ line: inout ByteBuffer, stream: ContainerOutputChunk.Stream, startsLine: Bool, restIsWholeLine: Bool
    ) -> Piece {
        var length = self.maxLineBytes
        let view = line.readableBytesView
        // Back off over UTF-8 continuation bytes (10xxxxxx) so that no character is split.
        for back in 0..<4 where view[view.startIndex + self.maxLineBytes - back] & 0xC0 != 0x80 {
            length = self.maxLineBytes - back
            break
        }
        let head = line.readSlice(length: length)!
        var rest = line
        if restIsWholeLine {
            rest.writeInteger(UInt8(ascii: "\n"))
            if var after = self.current?.bytes { rest.writeBuffer(&after) }
        }
        self.current = ContainerOutputChunk(stream, rest)
        // Empty, but no longer at the start of a line.
        self.pending[stream] = (ByteBuffer(), false)
        return Piece(stream: stream, bytes: head, startsLine: startsLine, isPartial: true)
    }
}
