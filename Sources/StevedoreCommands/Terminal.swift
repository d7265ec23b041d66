import Dispatch
import Foundation
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The controlling terminal of an interactive `run`/`attach`/`exec -t`: raw mode while the
/// container has it, the window size, and its changes.
enum Terminal {
    /// Whether `descriptor` is a terminal.
    static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// The size of the terminal on stdout (or stdin), `nil` when neither is one.
    static func size() -> (height: Int, width: Int)? {
        var window = winsize()
        for descriptor in [STDOUT_FILENO, STDIN_FILENO] where ioctl(descriptor, UInt(TIOCGWINSZ), &window) == 0 && window.ws_row > 0 {
            return (Int(window.ws_row), Int(window.ws_col))
        }
        return nil
    }

    /// Runs `body` with stdin in raw mode (no echo, no line editing, no signals from keys:
    /// every byte goes to the container), restoring the previous mode on every way out:
    /// return, throw, or cancellation.
    static func withRawMode<Result>(_ body: () async throws -> Result) async throws -> Result {
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return try await body() }
        var raw = saved
        cfmakeraw(&raw)
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        defer { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        return try await body()
    }

    /// Calls `onResize` with the new size each time the window changes (SIGWINCH) while
    /// `body` runs.
    static func watchingResizes<Result>(
        _ onResize: @escaping @Sendable (_ height: Int, _ width: Int) -> Void,
        _ body: () async throws -> Result
    ) async throws -> Result {
        signal(SIGWINCH, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .global())
        source.setEventHandler {
            if let size = Terminal.size() { onResize(size.height, size.width) }
        }
        source.resume()
        defer { source.cancel() }
        return try await body()
    }
}

/// Standard input as buffers, read on a Dispatch thread so that a blocking `read` never holds
/// a thread of Swift's cooperative pool. One read at a time: a slow container slows the reader.
struct StandardInput: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }

    struct AsyncIterator: AsyncIteratorProtocol {
        mutating func next() async throws -> ByteBuffer? {
            try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    var buffer = ByteBuffer()
                    buffer.reserveCapacity(64 << 10)
                    while true {
                        let count = buffer.withUnsafeMutableWritableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                        if count > 0 {
                            buffer.moveWriterIndex(forwardBy: count)
                            continuation.resume(returning: buffer)
                        } else if count == 0 {
                            continuation.resume(returning: nil)
                        } else if errno == EINTR {
                            continue
                        } else {
                            continuation.resume(throwing: CommandFailure(description: "reading stdin failed: \(String(cString: strerror(errno)))"))
                        }
                        return
                    }
                }
            }
        }
    }
}

/// Writes all of `bytes` to `descriptor` (stdout or stderr), retrying short writes.
func writeAll(_ bytes: ByteBuffer, to descriptor: Int32) throws {
    try bytes.withUnsafeReadableBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw CommandFailure(description: "writing output failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }
}
