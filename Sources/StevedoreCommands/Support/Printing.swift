import Foundation
import NIOCore
import Stevedore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes `text` to standard output.
func printOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Writes `line` and a newline to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// The daemon's warnings, each as docker prints them: `WARNING: …` on stderr.
func printWarnings(_ warnings: [String]) {
    for warning in warnings {
        FileHandle.standardError.write(Data("WARNING: \(warning)\n".utf8))
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

/// Writes a byte stream to the file `path` (created or truncated) or to stdout, chunk by chunk.
func writeStream(_ stream: DockerByteStream, to path: String?) async throws {
    let handle: FileHandle
    if let path {
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw CommandFailure(description: "failed to open \(path) for writing")
        }
        handle = file
    } else {
        handle = FileHandle.standardOutput
    }
    defer { if path != nil { try? handle.close() } }
    for try await chunk in stream {
        try handle.write(contentsOf: Data(chunk.readableBytesView))
    }
}
