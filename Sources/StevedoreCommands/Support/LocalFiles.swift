import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files the commands read and write themselves (context archives, secret and config data),
/// failing with the words of Go's `os` package that docker's messages carry:
/// `open PATH: no such file or directory`, `read PATH: is a directory`, `open PATH: file exists`.
enum LocalFiles {
    /// The first `limit` bytes (all of them by default) of the file at `path`, or of stdin
    /// when `path` is `nil`.
    static func contents(ofFile path: String?, limit: Int = .max) throws -> Data {
        let descriptor = path.map { open($0, O_RDONLY | O_CLOEXEC) } ?? STDIN_FILENO
        guard descriptor >= 0 else { throw Self.failure("open", path, errno) }
        defer { if path != nil { close(descriptor) } }
        var content = Data()
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while content.count < limit {
            let wanted = min(buffer.count, limit - content.count)
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, wanted) }
            if count > 0 {
                content.append(contentsOf: buffer[..<count])
            } else if count == 0 {
                break
            } else if errno != EINTR {
                throw Self.failure("read", path, errno)
            }
        }
        return content
    }

    /// Creates the file `path`, which must not exist (mode 0600 less the umask), then writes
    /// `contents()` to it. As docker does, the file is created first: when `contents` throws,
    /// it stays, empty.
    static func createNewFile(_ path: String, contents: () throws -> Data) throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.failure("open", path, errno) }
        defer { close(descriptor) }
        try writeAll(ByteBuffer(bytes: try contents()), to: descriptor)
    }

    /// Go's `*PathError` text: the operation, the path (`/dev/stdin` for stdin), the errno's text.
    private static func failure(_ operation: String, _ path: String?, _ code: Int32) -> CommandFailure {
        CommandFailure(description: "\(operation) \(path ?? "/dev/stdin"): \(goErrnoText(code))")
    }
}
