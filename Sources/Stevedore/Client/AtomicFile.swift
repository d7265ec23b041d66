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

/// Writes that never leave a file half-written: docker's configuration and context files are
/// read by other processes (the docker CLI among them) at any time.
enum AtomicFile {
    /// Writes `data` to a temporary file beside `url` with permissions `mode`, then renames it
    /// over `url`. Throws ``DockerError/Category/invalidConfiguration`` naming the file.
    static func write(_ data: Data, to url: URL, mode: Int) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".tmp-\(url.lastPathComponent)-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: mode]) else {
            throw DockerError.invalidConfiguration("cannot write \(temporary.path)")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw DockerError.invalidConfiguration("cannot replace \(url.path): \(reason)")
        }
    }
}
