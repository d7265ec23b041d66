import StevedoreText
import SwiftProtobuf

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

/// The sending side of fsutil's file sync (`/moby.filesync.v1.FileSync/DiffCopy`), for one
/// local directory the daemon asked for by name:
///
/// 1. a `STAT` packet for each path, numbered, parents before their contents and names in
///    byte order (the daemon checks the order), then an empty `STAT`;
/// 2. for each `REQ` the daemon sends back (the files it wants the contents of), the file's
///    bytes in `DATA` packets of at most ``chunkSize``, then an empty `DATA`;
/// 3. the daemon's `FIN`, answered with a `FIN`.
///
/// Paths are filtered by the patterns the daemon sends in the call's metadata
/// (`exclude-patterns`, with `.dockerignore`'s rules, and `include-patterns`). Files are read
/// from disk as they are sent, never whole. Owners are sent as root, as the docker CLI does.
struct FileSyncSender: Sendable {
    /// The largest `DATA` packet: 32 KiB, fsutil's.
    static let chunkSize = 32 << 10

    /// What a session serves under one name.
    enum Source: Sendable {
        /// A directory on disk.
        case directory(URL)
        /// A directory holding one file, held in memory: a Dockerfile read from a pipe
        /// (`-f <(…)`), which can be read only once.
        case file(name: String, contents: [UInt8])
    }

    /// One path sent: what the `STAT` says, and where the file is: on disk at `absolutePath`,
    /// or `contents`.
    struct Entry: Sendable {
        var stat: Fsutil_Types_Stat
        var absolutePath: String
        var isRegularFile: Bool
        var contents: [UInt8]? = nil
    }

    let source: Source
    let includes: DockerIgnore?
    let excludes: DockerIgnore?

    /// The sender of the directory `root`; see ``init(_:metadata:)``.
    init(root: URL, metadata: [String: [String]]) throws {
        try self.init(.directory(root), metadata: metadata)
    }

    /// The sender of `source` with the patterns of `metadata`. Follow paths (the Dockerfile,
    /// `.dockerignore`: the files the daemon asks for alone) are included with every link on
    /// their way, as fsutil includes them, so that such a call sends those files and nothing else.
    init(_ source: Source, metadata: [String: [String]]) throws {
        self.source = source
        var includes = metadata["include-patterns", default: []]
        let followPaths = metadata["followpaths", default: []]
        if case .directory(let root) = source, !followPaths.isEmpty {
            includes += Self.resolvingLinks(followPaths, in: root.path)
        } else {
            includes += followPaths
        }
        let excludes = metadata["exclude-patterns", default: []]
        self.includes = includes.isEmpty ? nil : try DockerIgnore(patterns: includes)
        self.excludes = excludes.isEmpty ? nil : try DockerIgnore(patterns: excludes)
    }

    /// `paths` and, for each that is a symbolic link, the paths its chain of links leads to
    /// inside `root` (a link leading out of it is followed as if `root` were `/`).
    static func resolvingLinks(_ paths: [String], in root: String) -> [String] {
        var result: [String] = []
        for path in paths {
            var current = Self.cleaned(path)
            // A bound, as the kernel's, against a cycle of links.
            for _ in 0..<40 {
                guard !current.isEmpty, !result.contains(current) else { break }
                result.append(current)
                guard let link = try? GoPath.readLink(root + "/" + current), !link.isEmpty else { break }
                let parent = current.split(scalar: "/").dropLast().joined(separator: "/")
                current = Self.cleaned(link.hasBytePrefix("/") || parent.isEmpty ? link : parent + "/" + link)
            }
        }
        return result
    }

    /// `path` relative to the root without `.`, `..` (not above the root) or empty components.
    static func cleaned(_ path: String) -> String {
        var components: [Substring] = []
        for component in path.split(scalar: "/") where component != "." {
            if component == ".." {
                _ = components.popLast()
            } else {
                components.append(component)
            }
        }
        return components.joined(separator: "/")
    }

    func run(_ call: GRPCServerCall) async throws {
        let entries = try self.entries()
        for (index, entry) in entries.enumerated() {
            var packet = Fsutil_Types_Packet()
            packet.type = .packetStat
            packet.stat = entry.stat
            packet.id = UInt32(index)
            try await call.send(try packet.serializedBytes() as [UInt8])
        }
        try await call.send(try Fsutil_Types_Packet().serializedBytes() as [UInt8])
        for try await message in call.requests {
            let packet = try Fsutil_Types_Packet(serializedBytes: Array(message.readableBytesView))
            switch packet.type {
            case .packetReq:
                guard Int(packet.id) < entries.count, entries[Int(packet.id)].isRegularFile else {
                    throw DockerError.malformedResponse("the daemon asked for file \(packet.id), which was not offered")
                }
                try await self.sendFile(entries[Int(packet.id)], id: packet.id, on: call)
            case .packetFin:
                var fin = Fsutil_Types_Packet()
                fin.type = .packetFin
                try await call.send(try fin.serializedBytes() as [UInt8])
                try await call.finish()
                return
            case .packetErr:
                throw DockerError(
                    category: .server, message: "the daemon failed the file sync: \(String(decoding: packet.data, as: UTF8.self))")
            default:
                continue
            }
        }
    }

    /// The file's bytes in `DATA` packets, then an empty one.
    private func sendFile(_ entry: Entry, id: UInt32, on call: GRPCServerCall) async throws {
        var packet = Fsutil_Types_Packet()
        packet.type = .packetData
        packet.id = id
        if let contents = entry.contents {
            for start in stride(from: 0, to: contents.count, by: Self.chunkSize) {
                packet.data = Data(contents[start..<min(start + Self.chunkSize, contents.count)])
                try await call.send(try packet.serializedBytes() as [UInt8])
            }
        } else {
            let descriptor = open(entry.absolutePath, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw DockerError.invalidInput("cannot read \(entry.absolutePath): \(String(cString: strerror(errno)))")
            }
            let file = FileDescriptorBox(descriptor)
            while let chunk = try file.read(upTo: Self.chunkSize, path: entry.absolutePath) {
                packet.data = Data(readableBytesOf: chunk)
                try await call.send(try packet.serializedBytes() as [UInt8])
            }
        }
        packet.data = Data()
        try await call.send(try packet.serializedBytes() as [UInt8])
    }

    // MARK: Walking

    /// Every path to send, in the daemon's order. A directory is sent when it matches or holds
    /// something sent; an excluded directory is not walked unless an exception may re-include
    /// something inside it.
    func entries() throws -> [Entry] {
        switch self.source {
        case .directory(let root):
            var result: [Entry] = []
            try self.walk(root, relative: "", into: &result)
            return result
        case .file(let name, let contents):
            guard !(self.excludes?.isExcluded(name) ?? false), self.includes?.isExcluded(name) ?? true else { return [] }
            var stat = Fsutil_Types_Stat()
            stat.path = name
            stat.mode = 0o644
            stat.size = Int64(contents.count)
            // Dated now: the daemon keeps what a session sent before under the same name and
            // asks again only for a file whose size or time changed.
            stat.modTime = Int64(Date().timeIntervalSince1970 * 1_000_000_000)
            return [Entry(stat: stat, absolutePath: name, isRegularFile: true, contents: contents)]
        }
    }

    /// Appends what `relative` (a directory, `""` for the root) holds; returns whether it
    /// appended anything.
    @discardableResult
    private func walk(_ root: URL, relative: String, into result: inout [Entry]) throws -> Bool {
        let directory = relative.isEmpty ? root.path : root.appendingPathComponent(relative).path
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted {
                Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
            }
        } catch {
            throw DockerError.invalidInput("cannot read the directory \(directory)", cause: error)
        }
        var appended = false
        for name in names {
            let path = relative.isEmpty ? name : relative + "/" + name
            let absolute = directory + "/" + name
            var status = stat()
            guard lstat(absolute, &status) == 0 else {
                throw DockerError.invalidInput("cannot read \(absolute): \(String(cString: strerror(errno)))")
            }
            let kind = status.st_mode & S_IFMT
            if kind == S_IFSOCK { continue }
            let excluded = self.excludes?.isExcluded(path) ?? false
            let included = self.includes?.isExcluded(path) ?? true
            if kind == S_IFDIR {
                if excluded && !(self.excludes?.hasException(inside: path) ?? false) { continue }
                let position = result.count
                result.append(
                    Entry(stat: try Self.fileStat(path, status, absolute: absolute), absolutePath: absolute, isRegularFile: false))
                let holdsSomething = try self.walk(root, relative: path, into: &result)
                if (excluded || !included) && !holdsSomething {
                    result.remove(at: position)
                } else {
                    appended = true
                }
            } else if !excluded && included {
                result.append(
                    Entry(stat: try Self.fileStat(path, status, absolute: absolute), absolutePath: absolute, isRegularFile: kind == S_IFREG)
                )
                appended = true
            }
        }
        return appended
    }

    /// fsutil's `Stat` of a path: Go's `os.FileMode` bits, nanosecond modification time, the
    /// link target of a symbolic link, owners as root.
    static func fileStat(_ path: String, _ status: stat, absolute: String) throws -> Fsutil_Types_Stat {
        var stat = Fsutil_Types_Stat()
        stat.path = path
        stat.mode = Self.goFileMode(status.st_mode)
        let kind = status.st_mode & S_IFMT
        // As Go's lstat: a link's size is its target's length (the daemon compares it on a rebuild).
        stat.size = kind == S_IFDIR ? 0 : Int64(status.st_size)
        // Wrapping as Go's UnixNano wraps: a time past 2262 is sent, not a trap.
        stat.modTime = Int64(status.modificationTime.tv_sec) &* 1_000_000_000 &+ Int64(status.modificationTime.tv_nsec)
        if kind == S_IFLNK {
            do {
                stat.linkname = try GoPath.readLink(absolute)
            } catch {
                throw DockerError.invalidInput("cannot read the link \(absolute): \(goErrnoText(error.code))")
            }
        }
        if kind == S_IFCHR || kind == S_IFBLK {
            let device = status.deviceNumbers
            stat.devmajor = Int64(truncatingIfNeeded: device.major)
            stat.devminor = Int64(truncatingIfNeeded: device.minor)
        }
        return stat
    }

    /// Go's `os.FileMode` of a `st_mode`: the permission bits, and the type and special bits
    /// at Go's positions.
    static func goFileMode(_ mode: mode_t) -> UInt32 {
        var result = UInt32(mode & 0o777)
        switch mode & S_IFMT {
        case S_IFDIR: result |= 1 << 31
        case S_IFLNK: result |= 1 << 27
        case S_IFIFO: result |= 1 << 25
        case S_IFSOCK: result |= 1 << 24
        case S_IFBLK: result |= 1 << 26
        case S_IFCHR: result |= 1 << 26 | 1 << 21
        default: break
        }
        if mode & S_ISUID != 0 { result |= 1 << 23 }
        if mode & S_ISGID != 0 { result |= 1 << 22 }
        if mode & S_ISVTX != 0 { result |= 1 << 20 }
        return result
    }
}
