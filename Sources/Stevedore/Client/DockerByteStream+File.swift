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

extension DockerByteStream {
    /// Writes the whole stream to the file at `path`, which holds the new bytes only once all
    /// of them arrived: they go to a temporary file beside it (`.tmp-NAME…`), which is synced
    /// and renamed over `path` at the end, with mode `0600` as docker's `save -o` and
    /// `export -o` leave it. If the stream breaks or a write fails, the temporary file is
    /// removed and `path` keeps what it held (docker's CLI renames what it got when the
    /// daemon's stream breaks).
    ///
    /// Throws ``DockerError/Category/invalidInput`` when `path`'s directory is missing or
    /// `path` is something other than a regular file (a directory, a link, a device, a
    /// pipe: write those from the stream yourself), or a write fails; and the stream's own
    /// errors.
    public func write(toFile path: String) async throws {
        try Self.checkDestination(path)
        let file = try AtomicFile(replacing: path, mode: 0o600)
        do {
            for try await chunk in self {
                try file.write(chunk)
            }
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// Throws what ``write(toFile:)`` throws for `path` before reading anything: call it before
    /// the request that makes the stream, as docker checks `save -o` and `export -o` before it
    /// asks the daemon. docker's checks and words (moby's `atomicwriter`): the directory exists
    /// (`invalid output path: stat DIR: no such file or directory`), and the path is a regular
    /// file or nothing (`cannot write to a directory`; a link is not followed: the rename would
    /// replace the link).
    public static func checkDestination(_ path: String) throws {
        guard !path.isEmpty else { throw DockerError.invalidInput("file name is empty") }
        let directory = GoPath.directory(of: path)
        if directory != "." && directory != ".." {
            guard let status = stat.of(directory, followingLinks: true) else {
                let failure = GoPathError(operation: "stat", path: directory, code: errno)
                throw DockerError.invalidInput("invalid output path: \(failure)")
            }
            guard status.st_mode & S_IFMT == S_IFDIR else {
                throw DockerError.invalidInput("invalid output path: \(GoPathError(operation: "stat", path: directory, code: ENOTDIR))")
            }
        }
        guard let status = stat.of(path) else {
            let code = errno
            guard code == ENOENT else {
                throw DockerError.invalidInput("failed to stat output path: \(GoPathError(operation: "lstat", path: path, code: code))")
            }
            return
        }
        let kind: String
        switch status.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: kind = "a directory"
        case S_IFLNK: kind = "a symbolic link directly"
        case S_IFIFO: kind = "a named pipe (FIFO)"
        case S_IFSOCK: kind = "a socket"
        case S_IFCHR: kind = "a character device file"
        case S_IFBLK: kind = "a block device file"
        default: kind = "a file of an unknown kind"
        }
        throw DockerError.invalidInput("cannot write to \(kind)")
    }
}
