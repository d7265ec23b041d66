import Foundation
import NIOCore

/// A tar archive of a local file or directory tree, produced while it is read: headers and
/// file contents come in chunks of at most ``chunkSize`` bytes, so a large file is never held
/// in memory and a slow consumer slows the reading down.
///
/// Directories are walked depth-first in name order; regular files, directories and symbolic
/// links (stored as links, not followed) keep their permission bits (setuid/setgid/sticky
/// included), owner ids and modification times. Other kinds (sockets, devices, FIFOs) are
/// refused with ``DockerError/Category/invalidInput`` since the daemon would recreate them as
/// something else. A file that shrinks while it is read fails the stream rather than producing
/// a corrupt archive.
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
        var reading: (handle: FileHandle, path: String, remaining: Int64, padding: Int)?
        var finished = false

        public mutating func next() async throws -> ByteBuffer? {
            if let reading = self.reading {
                return try self.nextContentChunk(reading)
            }
            guard let (path, name) = self.pending.popLast() else {
                if self.finished { return nil }
                self.finished = true
                return ByteBuffer(repeating: 0, count: 2 * TarHeader.blockSize)
            }
            let header = try Self.header(for: path, name: name)
            switch header.kind {
            case .directory:
                let children: [String]
                do {
                    children = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                } catch {
                    throw DockerError.invalidInput("cannot read the directory \(path): \(error.localizedDescription)")
                }
                for child in children.reversed() {
                    self.pending.append((path + "/" + child, name + "/" + child))
                }
            case .regularFile where header.size > 0:
                guard let handle = FileHandle(forReadingAtPath: path) else {
                    throw DockerError.invalidInput("cannot open \(path) for reading")
                }
                self.reading = (handle, path, header.size, TarHeader.padding(forContentSize: header.size))
            default:
                break
            }
            return header.encoded()
        }

        private mutating func nextContentChunk(
            _ reading: (handle: FileHandle, path: String, remaining: Int64, padding: Int)
        ) throws -> ByteBuffer {
            guard reading.remaining > 0 else {
                self.reading = nil
                try? reading.handle.close()
                return ByteBuffer(repeating: 0, count: reading.padding)
            }
            let data: Data
            do {
                data = try reading.handle.read(upToCount: Int(Swift.min(Int64(LocalTarArchive.chunkSize), reading.remaining))) ?? Data()
            } catch {
                throw DockerError.invalidInput("cannot read \(reading.path): \(error.localizedDescription)")
            }
            guard !data.isEmpty else {
                throw DockerError.invalidInput("\(reading.path) shrank while it was being archived")
            }
            var chunk = ByteBuffer(bytes: data)
            let remaining = reading.remaining - Int64(data.count)
            if remaining == 0 {
                self.reading = nil
                try? reading.handle.close()
                chunk.writeRepeatingByte(0, count: reading.padding)
            } else {
                self.reading = (reading.handle, reading.path, remaining, reading.padding)
            }
            return chunk
        }

        /// The header of the local item at `path` (not following a final symbolic link).
        static func header(for path: String, name: String) throws -> TarHeader {
            let attributes: [FileAttributeKey: Any]
            do {
                attributes = try FileManager.default.attributesOfItem(atPath: path)
            } catch {
                throw DockerError.invalidInput("cannot read \(path): no such file or directory, or no permission")
            }
            let type = attributes[.type] as? FileAttributeType
            var header = TarHeader(
                name: name,
                kind: .regularFile,
                mode: UInt32((attributes[.posixPermissions] as? NSNumber)?.uint32Value ?? 0o644),
                uid: (attributes[.ownerAccountID] as? NSNumber)?.intValue ?? 0,
                gid: (attributes[.groupOwnerAccountID] as? NSNumber)?.intValue ?? 0,
                modificationTime: Int64(((attributes[.modificationDate] as? Date) ?? Date()).timeIntervalSince1970)
            )
            switch type {
            case .typeDirectory?:
                header.kind = .directory
            case .typeRegular?:
                header.size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
            case .typeSymbolicLink?:
                header.kind = .symbolicLink
                header.linkName = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? ""
            default:
                throw DockerError.invalidInput("cannot archive \(path): only regular files, directories and symbolic links can be copied")
            }
            return header
        }
    }
}
