import Stevedore
import StevedoreText

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

/// Files the commands read and write themselves (context archives, secret and config data,
/// environment and label files), failing with a ``GoPathError``: `open PATH: no such file or
/// directory`, `read PATH: is a directory`, `open PATH: file exists`.
enum LocalFiles {
    /// The first `limit` bytes (all of them by default) of the file at `path`, or of stdin
    /// when `path` is `nil`: read to its end, so a pipe (`<(…)`) or a device serves as well.
    static func contents(ofFile path: String?, limit: Int = .max) throws(GoPathError) -> Data {
        Data(try FileContents.bytes(ofFile: path, limit: limit))
    }

    /// Removes the file or empty directory `path`, as Go's `os.Remove` does: `unlink`, then
    /// `rmdir`; when both fail, `unlink`'s reason unless `rmdir`'s says more (anything but
    /// "not a directory").
    static func remove(_ path: String) throws(GoPathError) {
        guard unlink(path) != 0 else { return }
        let unlinkFailure = errno
        guard rmdir(path) != 0 else { return }
        let rmdirFailure = errno
        throw GoPathError(operation: "remove", path: path, code: rmdirFailure == ENOTDIR ? unlinkFailure : rmdirFailure)
    }

    /// Writes `data` to the file `path`, created (mode 0666 less the umask) or emptied first, as
    /// Go's `os.WriteFile` does.
    static func write(_ data: Data, toFile path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw GoPathError(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        try writeAll(ByteBuffer(bytes: data), to: descriptor, path: path)
    }

    /// Creates the file `path`, which must not exist (mode 0600 less the umask), then writes
    /// `contents()` to it. As docker does, the file is created first: when `contents` throws,
    /// it stays, empty.
    static func createNewFile(_ path: String, contents: () throws -> Data) throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw GoPathError(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        try writeAll(ByteBuffer(bytes: try contents()), to: descriptor, path: path)
    }
}
