import NIOCore

/// A process's stdout and stderr, each read whole: the result of ``ContainerOutput/collect(upTo:)``.
public struct CollectedOutput: Hashable, Sendable {
    /// stdout, with stdin echo frames and a raw (TTY) stream's bytes, in arrival order.
    public var stdout: ByteBuffer
    /// stderr.
    public var stderr: ByteBuffer

    public init(stdout: ByteBuffer = ByteBuffer(), stderr: ByteBuffer = ByteBuffer()) {
        self.stdout = stdout
        self.stderr = stderr
    }

    /// stdout as an array of bytes.
    public var stdoutBytes: [UInt8] { Array(self.stdout.readableBytesView) }
    /// stderr as an array of bytes.
    public var stderrBytes: [UInt8] { Array(self.stderr.readableBytesView) }
    /// stdout decoded as UTF-8 (invalid sequences become U+FFFD).
    public var stdoutText: String { String(buffer: self.stdout) }
    /// stderr decoded as UTF-8 (invalid sequences become U+FFFD).
    public var stderrText: String { String(buffer: self.stderr) }
}

extension ContainerOutput {
    /// Reads the stream to its end, keeping stdout and stderr apart. `.stdin` and `.console`
    /// chunks count as stdout, as docker's tools print them.
    ///
    /// Throws ``DockerError/Category/limitExceeded`` as soon as either stream passes `maxBytes`
    /// (and the connection is closed): output is never cut silently.
    public func collect(upTo maxBytes: Int) async throws -> CollectedOutput {
        var collected = CollectedOutput()
        for try await chunk in self {
            var bytes = chunk.bytes
            let isStderr = chunk.stream == .stderr
            let size = (isStderr ? collected.stderr : collected.stdout).readableBytes + bytes.readableBytes
            guard size <= maxBytes else {
                throw DockerError(
                    category: .limitExceeded,
                    message: "the process wrote more than \(maxBytes) bytes to \(isStderr ? "stderr" : "stdout")",
                    hint: "raise the limit, or stream the output instead of collecting it")
            }
            if isStderr {
                collected.stderr.writeBuffer(&bytes)
            } else {
                collected.stdout.writeBuffer(&bytes)
            }
        }
        return collected
    }

    /// The most bytes of frames that ``write(stdout:stderr:)`` joins into one call of a sink.
    private static let sinkChunkLimit = 64 << 10

    /// Reads the stream to its end, handing its bytes to `stdout` or `stderr` in the order the
    /// daemon sent them, one chunk at a time: the next chunk is read only once a sink has
    /// returned, so a slow sink slows the stream down instead of buffering it. The whole frames
    /// of one stream that were already read when a sink is called are handed over as one chunk
    /// (up to 64 KiB); nothing waits for more. `.stdin` and `.console` chunks go to `stdout`.
    /// A sink's error ends the stream (and closes its connection).
    public func write(
        stdout: (ByteBuffer) async throws -> Void,
        stderr: (ByteBuffer) async throws -> Void
    ) async throws {
        // The frames of one stream that arrived together go to a sink at once: a log of short
        // lines is a frame per line, and a sink per frame would be a system call per line.
        var chunks = self.makeAsyncIterator()
        chunks.coalescingLimit = Self.sinkChunkLimit
        while let chunk = try await chunks.next() {
            if chunk.stream == .stderr {
                try await stderr(chunk.bytes)
            } else {
                try await stdout(chunk.bytes)
            }
        }
    }
}
