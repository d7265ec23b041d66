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

/// Writes the entries of a tar stream under a local directory as they arrive (a file's content
/// is written chunk by chunk, never held whole).
///
/// Safety: an absolute name is read below ``destination``, as docker's `Untar` joins it (the
/// daemon names the entries of an archive of `/` so); an entry that climbs out with `..`, or
/// whose path would pass through a symbolic link, is refused with
/// ``DockerError/Category/invalidInput`` before anything is written for it, so an archive
/// cannot write outside ``destination``. Owners are
/// not changed (as `docker cp` does it); modes and modification times are restored, those of
/// directories once the archive is complete so their contents can still be written.
public struct TarExtractor {
    /// The local directory entries are written under.
    public let destination: String
    /// Renames the top of the archive: entries named `from` or `from/…` are written as `to`
    /// or `to/…` (relative to ``destination``).
    public let renaming: (from: String, to: String)?

    private var parser = TarParser()
    private var output: FileDescriptorBox?
    private var current: (path: String, header: TarHeader)?
    private var directories: [(path: String, header: TarHeader)] = []

    public init(destination: String, renaming: (from: String, to: String)? = nil) {
        self.destination = destination
        self.renaming = renaming
    }

    /// Extracts all of `tar`; throws if it ends before the end-of-archive marker. `progress`
    /// is called with the bytes of the archive read so far after each chunk is written out.
    public static func extract<Tar: AsyncSequence>(
        _ tar: Tar, into destination: String, renaming: (from: String, to: String)? = nil, progress: ((Int64) -> Void)? = nil
    ) async throws where Tar.Element == ByteBuffer {
        var extractor = TarExtractor(destination: destination, renaming: renaming)
        var total: Int64 = 0
        for try await chunk in tar {
            try extractor.write(chunk)
            total += Int64(chunk.readableBytes)
            progress?(total)
        }
        try extractor.finish()
    }

    /// Writes what `chunk` completes.
    public mutating func write(_ chunk: ByteBuffer) throws {
        for event in try self.parser.feed(chunk) {
            switch event {
            case .header(let header):
                let (path, output) = try self.create(header)
                self.current = (path, header)
                self.output = output
            case .content(let bytes):
                if let output = self.output {
                    try output.write(Data(readableBytesOf: bytes), path: self.current?.path ?? self.destination)
                }
            case .endOfEntry:
                try self.endEntry()
            }
        }
    }

    /// Checks that the archive was complete and applies the directories' modes and times.
    public mutating func finish() throws {
        guard self.parser.isFinished else {
            throw DockerError.malformedResponse("the tar stream ended before the end of the archive")
        }
        self.finishDirectories()
    }

    /// Applies the modes and times of the directories made, deepest first.
    mutating func finishDirectories() {
        for (path, header) in self.directories.reversed() {
            Self.applyAttributes(header, to: path)
        }
        self.directories = []
    }

    /// Creates what `header` describes (a directory's attributes wait for ``finish()``);
    /// returns its local path, and for a regular file the open file its content is written to
    /// (then ``close(_:path:header:)``).
    mutating func create(_ header: TarHeader) throws -> (path: String, output: FileDescriptorBox?) {
        let path = try self.localPath(for: header.name)
        var output: FileDescriptorBox?
        let manager = FileManager.default
        switch header.kind {
        case .directory:
            // Below the destination a link is not followed: a link to a directory elsewhere is
            // replaced, so that the entry's mode is never applied through it. The destination
            // itself is the caller's choice, link or not.
            if !stat.isDirectory(path, followingLinks: path == self.destination) {
                try? manager.removeItem(atPath: path)
                try Self.attempt(path) { try manager.createDirectory(atPath: path, withIntermediateDirectories: true) }
            }
            self.directories.append((path, header))
        case .regularFile:
            try Self.removeNonDirectory(at: path)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw DockerError.invalidInput("cannot create \(path): \(String(cString: strerror(errno)))")
            }
            output = FileDescriptorBox(descriptor)
        case .symbolicLink:
            try Self.removeNonDirectory(at: path)
            try Self.attempt(path) { try manager.createSymbolicLink(atPath: path, withDestinationPath: header.linkName) }
            Self.applyAttributes(header, to: path)
        case .hardLink:
            try Self.removeNonDirectory(at: path)
            let target = try self.localPath(for: header.linkName)
            // link(2) itself, as docker's os.Link: FileManager would copy a directory's tree of
            // links, and follow a link on some systems.
            guard linkat(AT_FDCWD, target, AT_FDCWD, path, 0) == 0 else {
                throw DockerError.invalidInput("cannot link \(path) to \(target): \(String(cString: strerror(errno)))")
            }
        case .fifo, .characterDevice, .blockDevice:
            // Made as docker's Untar makes them: a device needs the privilege (CAP_MKNOD), and
            // the copy fails without it, as docker's does, rather than leave it out unsaid.
            try Self.removeNonDirectory(at: path)
            let mode = mode_t(header.mode & 0o7777)
            let type = header.kind == .characterDevice ? S_IFCHR : S_IFBLK
            // mkfifo for a FIFO: it needs no privilege on any system, where mknod does on some.
            let made =
                header.kind == .fifo
                ? mkfifo(path, mode) : mknod(path, type | mode, stat.device(major: header.deviceMajor, minor: header.deviceMinor))
            guard made == 0 else {
                throw DockerError.invalidInput("cannot create \(path): \(String(cString: strerror(errno)))")
            }
            // Nothing follows the header: its mode (which the umask cut) and time now.
            Self.applyAttributes(header, to: path)
        default:
            // PAX and GNU headers are read by the parser; other kinds are no file.
            break
        }
        return (path, output)
    }

    private mutating func endEntry() throws {
        guard let (path, header) = self.current else { return }
        self.current = nil
        if let output = self.output {
            self.output = nil
            try Self.close(output, path: path, header: header)
        } else if header.kind == .regularFile {
            Self.applyAttributes(header, to: path)
        }
    }

    /// Closes a regular file's `output` once its content is written, and applies its attributes.
    static func close(_ output: FileDescriptorBox, path: String, header: TarHeader) throws {
        try output.close(path: path)
        Self.applyAttributes(header, to: path)
    }

    /// The local path of an archive name, after renaming; refuses names that would leave the
    /// destination.
    private func localPath(for name: String) throws -> String {
        var relative = name
        if let (from, to) = self.renaming {
            // `/`, the top of an archive of the container's root, ends with its separator.
            let prefix = from.hasByteSuffix("/") ? from : from + "/"
            // Byte by byte, as the names were written: a `/` that Unicode joins to a mark after
            // it is still a separator.
            if relative.utf8.elementsEqual(from.utf8) {
                relative = to
            } else if relative.utf8.starts(with: prefix.utf8) {
                relative = to + "/" + relative[relative.utf8.index(relative.startIndex, offsetBy: prefix.utf8.count)...]
            }
        }
        let components = relative.split(scalar: "/").filter { $0 != "." }
        guard !components.contains("..") else {
            throw DockerError.invalidInput("refusing to extract \"\(name)\": the path leaves the destination directory")
        }
        // No component below the destination may be a symbolic link: the archive could
        // otherwise write through it anywhere.
        var path = self.destination
        for component in components.dropLast() {
            path += "/" + component
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil {
                throw DockerError.invalidInput("refusing to extract \"\(name)\": \(path) is a symbolic link")
            }
        }
        return components.isEmpty ? self.destination : self.destination + "/" + components.joined(separator: "/")
    }

    private static func removeNonDirectory(at path: String) throws {
        if let status = stat.of(path) {
            if status.st_mode & S_IFMT == S_IFDIR {
                throw DockerError.invalidInput("cannot overwrite the directory \(path) with a non-directory")
            }
            try Self.attempt(path) { try FileManager.default.removeItem(atPath: path) }
        }
    }

    /// Applies the entry's mode and time (as its access and modification time, as docker's
    /// Untar does). A symbolic link gets its own time and keeps its mode: setting a link's mode
    /// would set its target's. Best effort, unlike docker's Untar, which fails the copy: a file
    /// system that refuses them leaves the entry as it was made.
    private static func applyAttributes(_ header: TarHeader, to path: String) {
        let isLink = header.kind == .symbolicLink
        if !isLink { _ = chmod(path, mode_t(header.mode & 0o7777)) }
        let time = timespec(tv_sec: time_t(truncatingIfNeeded: header.modificationTime), tv_nsec: 0)
        let times = [time, time]
        _ = utimensat(AT_FDCWD, path, times, isLink ? AT_SYMLINK_NOFOLLOW : 0)
    }

    private static func attempt(_ path: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            throw DockerError.invalidInput("cannot write \(path)", cause: error)
        }
    }
}
