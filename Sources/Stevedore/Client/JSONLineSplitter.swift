import NIOCore

/// Cuts a body of newline-delimited JSON into its lines as chunks arrive, as a plain value: what
/// ``JSONLinesStream`` does between reading the body and decoding a line, apart from both, so
/// that the `json-lines` fuzz target checks that every chunking of the same bytes gives the same
/// lines.
///
/// A line is what precedes a `\n`; lines of nothing but spaces, tabs and `\r` are skipped. A line
/// longer than `maxLineBytes` fails whether or not its newline has arrived yet, so the outcome
/// never depends on where the chunks were cut, and no more than `maxLineBytes` and one chunk is
/// ever held.
struct JSONLineSplitter: Sendable {
    /// The longest line accepted, newline excluded.
    let maxLineBytes: Int
    /// Bytes received and not yet returned as lines.
    private var pending = ByteBuffer()

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    /// Takes in the next chunk of the body.
    mutating func append(_ chunk: ByteBuffer) {
        var chunk = chunk
        self.pending.writeBuffer(&chunk)
    }

    /// The next line that is not blank, without its newline, consumed; `nil` until more bytes
    /// arrive. Throws ``DockerError/Category/malformedResponse`` for a line over the limit.
    mutating func nextLine() throws -> ByteBuffer? {
        while let newline = self.pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - self.pending.readerIndex
            guard length <= self.maxLineBytes else { throw self.lineTooLong() }
            let line = self.pending.readSlice(length: length)!
            self.pending.moveReaderIndex(forwardBy: 1)
            if self.pending.readableBytes == 0 {
                self.pending.clear()
            } else if self.pending.readerIndex > 1 << 16 {
                self.pending.discardReadBytes()
            }
            if !Self.isBlank(line.readableBytesView) { return line }
        }
        // No newline yet: a line already over the limit fails now rather than once it ends.
        guard self.pending.readableBytes <= self.maxLineBytes else { throw self.lineTooLong() }
        if self.pending.readableBytes == 0 { self.pending.clear() }
        return nil
    }

    /// At the end of the body, once ``nextLine()`` returned `nil`: the last line, which had no
    /// newline, or `nil` when it is blank. What remains is consumed.
    mutating func remainder() -> ByteBuffer? {
        let rest = self.pending.readSlice(length: self.pending.readableBytes)!
        self.pending.clear()
        return Self.isBlank(rest.readableBytesView) ? nil : rest
    }

    private func lineTooLong() -> DockerError {
        .malformedResponse("a line of the daemon's stream exceeds \(self.maxLineBytes) bytes")
    }

    private static func isBlank(_ bytes: ByteBufferView) -> Bool {
        bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }
}
