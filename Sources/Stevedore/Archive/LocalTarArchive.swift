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

/// A tar archive of a local file or directory tree, produced while it is read: headers and
/// file contents come in chunks of at most ``chunkSize`` bytes, so a large file is never held
/// in memory and a slow consumer slows the reading down.
///
/// Directories are walked depth-first in name order; regular files, directories, symbolic
/// links (stored as links, not followed), FIFOs and devices (with their numbers) keep their
/// permission bits (setuid/setgid/sticky included), owner ids and modification times, as
/// docker's archive keeps them; a file's second and later links are hard links to its first
/// entry. A socket, which Go's archive cannot store either, is refused with
/// ``DockerError/Category/invalidInput``. A file that shrinks while it is read fails the
/// stream rather than producing a corrupt archive.
public struct LocalTarArchive: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    /// The size of the content chunks: 256 KiB.
    public static var chunkSize: Int { 256 << 10 }

    /// The local file or directory archived.
    public let source: String
    /// The name of the top entry in the archive; a directory's entries go under it.
    public let archiveName: String

    /// An archive of `source` whose top entry is named `archiveName` (default: the last
    /// component of `source`).
    public init(source: String, archiveName: String? = nil) {
        self.source = source
        self.archiveName = archiveName ?? URL(fileURLWithPath: source).lastPathComponent
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pending: [(self.source, self.archiveName)])
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        /// Entries still to write, the next one last.
        var pending: [(path: String, name: String)]
        var reading: (file: FileDescriptorBox, path: String, remaining: Int64, padding: Int)?
        var finished = false
        /// The name of the first entry of each file with more than one link, by device and
        /// inode: its other links are written as hard links to it, as docker's archive does.
        var linkedFiles: [FileIdentity: String] = [:]

        struct FileIdentity: Hashable {
            var device: UInt64
            var inode: UInt64
        }

        public mutating func next() async throws -> ByteBuffer? {
            if let reading = self.reading {
                return try self.nextContentChunk(reading)
            }
            guard let (path, name) = self.pending.popLast() else {
                if self.finished { return nil }
                self.finished = true
                return ByteBuffer(repeating: 0, count: 2 * TarHeader.blockSize)
            }
            var (header, status) = try Self.header(for: path, name: name)
            if header.kind == .regularFile, status.st_nlink > 1 {
                let identity = FileIdentity(
                    device: UInt64(truncatingIfNeeded: status.st_dev), inode: UInt64(truncatingIfNeeded: status.st_ino))
                if let first = self.linkedFiles[identity] {
                    (header.kind, header.linkName, header.size) = (.hardLink, first, 0)
                } else {
                    // A link's target as docker names it, without the `./` of a top entry `.`:
                    // the daemon's plugin create joins it to its rootfs as it is.
                    self.linkedFiles[identity] = name.hasBytePrefix("./") ? String(name.dropFirst(2)) : name
                }
            }
            switch header.kind {
            case .directory:
                let children: [String]
                do {
                    children = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                } catch {
                    throw DockerError.invalidInput("cannot read the directory \(path)", cause: error)
                }
                for child in children.reversed() {
                    self.pending.append((path + "/" + child, name + "/" + child))
                }
            case .regularFile where header.size > 0:
                let descriptor = open(path, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else {
                    throw DockerError.invalidInput("cannot open \(path) for reading: \(String(cString: strerror(errno)))")
                }
                self.reading = (FileDescriptorBox(descriptor), path, header.size, TarHeader.padding(forContentSize: header.size))
            default:
                break
            }
            return header.encoded()
        }

        private mutating func nextContentChunk(
            _ reading: (file: FileDescriptorBox, path: String, remaining: Int64, padding: Int)
        ) throws -> ByteBuffer {
            guard reading.remaining > 0 else {
                self.reading = nil
                return ByteBuffer(repeating: 0, count: reading.padding)
            }
            let wanted = Int(Swift.min(Int64(LocalTarArchive.chunkSize), reading.remaining))
            guard var chunk = try reading.file.read(upTo: wanted, path: reading.path) else {
                throw DockerError.invalidInput("\(reading.path) shrank while it was being archived")
            }
            let remaining = reading.remaining - Int64(chunk.readableBytes)
            if remaining == 0 {
                self.reading = nil
                chunk.writeRepeatingByte(0, count: reading.padding)
            } else {
                self.reading = (reading.file, reading.path, remaining, reading.padding)
            }
            return chunk
        }

        /// The header of the local item at `path` (not following a final symbolic link), and
        /// its status.
        static func header(for path: String, name: String) throws -> (TarHeader, stat) {
            guard let status = stat.of(path) else {
                throw DockerError.invalidInput("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            var header = TarHeader(
                name: name,
                kind: .regularFile,
                mode: UInt32(status.st_mode & 0o7777),
                uid: Int(status.st_uid),
                gid: Int(status.st_gid),
                modificationTime: Int64(status.modificationTime.tv_sec)
            )
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                header.kind = .directory
            case S_IFREG:
                header.size = Int64(status.st_size)
            case S_IFLNK:
                header.kind = .symbolicLink
                header.linkName = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? ""
            case S_IFIFO:
                header.kind = .fifo
            case S_IFCHR, S_IFBLK:
                header.kind = status.st_mode & S_IFMT == S_IFCHR ? .characterDevice : .blockDevice
                let (major, minor) = status.deviceNumbers
                (header.deviceMajor, header.deviceMinor) = (UInt32(truncatingIfNeeded: major), UInt32(truncatingIfNeeded: minor))
            default:
                // A socket, which Go's archive/tar cannot write either.
                throw DockerError.invalidInput("cannot archive \(path): a socket cannot be copied")
            }
            return (header, status)
        }
    }
}
