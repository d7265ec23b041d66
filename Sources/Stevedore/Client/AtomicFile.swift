import NIOCore

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

/// A file replaced whole or not at all: the bytes go to a temporary file beside it
/// (`.tmp-NAME…`), which ``commit()`` syncs and renames over it; ``discard()`` removes the
/// temporary file and leaves the file as it was. docker's configuration and context files are
/// read by other processes (the docker CLI among them) at any time, and a saved archive must
/// not replace a good one before it is whole.
final class AtomicFile {
    /// The file replaced.
    let path: String
    /// Where the bytes go until ``commit()``.
    let temporaryPath: String
    private let file: FileDescriptorBox

    /// Creates the temporary file beside `path` with permissions `mode` (exactly: the umask
    /// does not apply, as docker's atomic writer sets them). Throws
    /// ``DockerError/Category/invalidInput`` when it cannot.
    init(replacing path: String, mode: mode_t) throws {
        let url = URL(fileURLWithPath: path)
        let prefix = url.deletingLastPathComponent().path + "/.tmp-" + url.lastPathComponent
        // Created with O_EXCL under a random name rather than by mkstemp, so that the descriptor
        // is close-on-exec from the start: set afterwards, a program started meanwhile by
        // another thread would inherit it. Go's os.CreateTemp tries as many names.
        var opened: (descriptor: CInt, path: String)?
        for _ in 0..<10_000 where opened == nil {
            let candidate = prefix + String(UInt32.random(in: .min ... .max), radix: 36)
            let descriptor = open(candidate, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                opened = (descriptor, candidate)
            } else if errno != EEXIST {
                throw DockerError.invalidInput("cannot create a file beside \(path): \(String(cString: strerror(errno)))")
            }
        }
        guard let (descriptor, temporaryPath) = opened else {
            throw DockerError.invalidInput("cannot create a file beside \(path): every temporary name tried exists")
        }
        self.path = path
        self.temporaryPath = temporaryPath
        self.file = FileDescriptorBox(descriptor)
        guard fchmod(descriptor, mode) == 0 else {
            let reason = String(cString: strerror(errno))
            self.discard()
            throw DockerError.invalidInput("cannot set the permissions of \(self.temporaryPath): \(reason)")
        }
    }

    /// Writes `buffer`'s readable bytes to the temporary file.
    func write(_ buffer: ByteBuffer) throws {
        try self.file.write(buffer, path: self.temporaryPath)
    }

    /// Writes `bytes` to the temporary file.
    func write(_ bytes: some DataProtocol) throws {
        try self.file.write(bytes, path: self.temporaryPath)
    }

    /// Syncs the temporary file and renames it over the file. On a failure, call ``discard()``.
    func commit() throws {
        guard fsync(self.file.descriptor) == 0 else {
            throw DockerError.invalidInput("cannot write \(self.temporaryPath): \(String(cString: strerror(errno)))")
        }
        try self.file.close(path: self.temporaryPath)
        guard rename(self.temporaryPath, self.path) == 0 else {
            throw DockerError.invalidInput("cannot replace \(self.path): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the temporary file: the file keeps what it held.
    func discard() {
        unlink(self.temporaryPath)
    }

    /// Replaces `url` with `data`, with permissions `mode`. Throws
    /// ``DockerError/Category/invalidConfiguration`` naming the file.
    static func write(_ data: Data, to url: URL, mode: Int) throws {
        do {
            let file = try AtomicFile(replacing: url.path, mode: mode_t(mode))
            do {
                try file.write(data)
                try file.commit()
            } catch {
                file.discard()
                throw error
            }
        } catch let error as DockerError {
            throw DockerError.invalidConfiguration(error.message)
        }
    }
}
