#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A whole file read as Go's `os.ReadFile` reads it: to its end, whatever its size says, so a
/// pipe (`<(…)`, `/dev/stdin`) or a device (`/dev/null`) serves as a regular file does.
/// Foundation's `Data(contentsOf:)` and `FileManager.contents(atPath:)` read neither.
package enum FileContents {
    /// The first `limit` bytes (all of them by default) of the file at `path`, or of standard
    /// input when `path` is `nil` (named `/dev/stdin` in errors).
    package static func bytes(ofFile path: String?, limit: Int = .max) throws(GoPathError) -> [UInt8] {
        let descriptor = path.map { open($0, O_RDONLY | O_CLOEXEC) } ?? STDIN_FILENO
        guard descriptor >= 0 else { throw GoPathError(operation: "open", path: path ?? "/dev/stdin", code: errno) }
        defer { if path != nil { close(descriptor) } }
        var content: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while content.count < limit {
            let wanted = min(buffer.count, limit - content.count)
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, wanted) }
            if count > 0 {
                content.append(contentsOf: buffer[..<count])
            } else if count == 0 {
                break
            } else if errno != EINTR {
                throw GoPathError(operation: "read", path: path ?? "/dev/stdin", code: errno)
            }
        }
        return content
    }
}
