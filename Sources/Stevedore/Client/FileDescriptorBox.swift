import NIOCore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open file descriptor, closed by ``close(path:)`` or else on deinit.
final class FileDescriptorBox {
    let descriptor: Int32
    private(set) var isAtEnd = false
    private var isClosed = false

    init(_ descriptor: Int32) { self.descriptor = descriptor }
    deinit { if !self.isClosed { systemClose(self.descriptor) } }

    /// Closes the file now, reporting what `close(2)` reports (a write-back that failed).
    func close(path: String) throws {
        guard !self.isClosed else { return }
        self.isClosed = true
        guard systemClose(self.descriptor) == 0 else {
            throw DockerError.invalidInput("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Up to `count` bytes; `nil` (and ``isAtEnd``) at the end of the file.
    func read(upTo count: Int, path: String) throws -> ByteBuffer? {
        var buffer = ByteBuffer()
        var failure: Int32 = 0
        let read = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { pointer in
            var result: Int
            repeat { result = systemRead(self.descriptor, pointer.baseAddress, count) } while result < 0 && errno == EINTR
            if result < 0 { failure = errno }
            return max(result, 0)
        }
        if failure != 0 { throw DockerError.invalidInput("\(GoPathError(operation: "read", path: path, code: failure))") }
        if read == 0 {
            self.isAtEnd = true
            return nil
        }
        return buffer
    }

    /// Writes all of `bytes`. Throws ``DockerError/Category/invalidInput`` naming `path` and
    /// the system's reason (a full disk, a reader that went away).
    func write(_ bytes: some DataProtocol, path: String) throws {
        for region in bytes.regions {
            try region.withUnsafeBytes { try self.write($0, path: path) }
        }
    }

    /// Writes all of `buffer`'s readable bytes.
    func write(_ buffer: ByteBuffer, path: String) throws {
        try buffer.withUnsafeReadableBytes { try self.write($0, path: path) }
    }

    private func write(_ buffer: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < buffer.count {
            let written = systemWrite(self.descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw DockerError.invalidInput("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }
}

// The C library's calls, under names the methods above (and other types' `close`) do not shadow.
@discardableResult
func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(descriptor, buffer, count) }
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { write(descriptor, buffer, count) }
