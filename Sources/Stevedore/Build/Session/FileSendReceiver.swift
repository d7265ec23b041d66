import NIOCore

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

/// The receiving side of BuildKit's file send (`/moby.filesync.v1.FileSend/DiffCopy`): a
/// build's exported files, written where ``BuildExport`` says as they arrive.
///
/// - `tar`: the messages are `BytesMessage`s whose bytes, in order, are the archive.
/// - `local`: the messages are fsutil packets with the roles of a context upload reversed:
///   the daemon sends a `STAT` of each path (an empty one ends the list), Stevedore asks for
///   each regular file's content with a `REQ` of the `STAT`'s index, the daemon answers with
///   `DATA` packets (up to four files interleaved; an empty one ends a file), and once every
///   file is written (directories' modes and times last) Stevedore sends `FIN` and the daemon
///   answers `FIN`. Paths are written with ``TarExtractor``'s rules: nothing outside the
///   directory, nothing through a link.
struct FileSendReceiver: Sendable {
    let export: BuildExport

    func run(_ call: GRPCServerCall) async throws {
        switch self.export {
        case .tarFile(let url): try await Self.receiveTar(call, to: url)
        case .directory(let url): try await Self.receiveFiles(call, into: url)
        }
    }

    private static func receiveTar(_ call: GRPCServerCall, to url: URL) async throws {
        // open(2), not an atomic replace: the file may be a pipe or /dev/stdout.
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw DockerError.invalidInput("cannot create \(url.path) for the build's tar: \(String(cString: strerror(errno)))")
        }
        let file = FileDescriptorBox(descriptor)
        for try await message in call.requests {
            let chunk = try Moby_Filesync_V1_BytesMessage(serializedBytes: Array(message.readableBytesView))
            try file.write(chunk.data, path: url.path)
        }
        // Before the daemon hears that all is well: a write can fail at close (NFS, a quota).
        try file.close(path: url.path)
        try await call.finish()
    }

    private static func receiveFiles(_ call: GRPCServerCall, into url: URL) async throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw DockerError.invalidInput("cannot make the directory \(url.path)", cause: error)
        }
        var writer = TarExtractor(destination: url.path)
        var count: UInt32 = 0
        var listed = false
        var open: [UInt32: (path: String, header: TarHeader, output: FileDescriptorBox?)] = [:]
        var requested: [UInt32: TarHeader] = [:]
        // Hard links to a file whose content has not come yet, by the bytes of that file's name
        // (as Go compares names: `café` and `cafe\u{301}` are two files).
        var waitingLinks: [[UInt8]: [TarHeader]] = [:]
        for try await message in call.requests {
            let packet = try Fsutil_Types_Packet(serializedBytes: Array(message.readableBytesView))
            switch packet.type {
            case .packetStat where !packet.hasStat:
                listed = true
            case .packetStat:
                let header = try Self.header(packet.stat)
                defer { count += 1 }
                if header.kind == .regularFile {
                    requested[count] = header
                    var request = Fsutil_Types_Packet()
                    request.type = .packetReq
                    request.id = count
                    try await call.send(try request.serializedBytes() as [UInt8])
                } else if header.kind == .hardLink,
                    requested.values.contains(where: { $0.name.utf8.elementsEqual(header.linkName.utf8) })
                        || open.values.contains(where: { $0.header.name.utf8.elementsEqual(header.linkName.utf8) })
                {
                    waitingLinks[Array(header.linkName.utf8), default: []].append(header)
                } else {
                    _ = try writer.create(header)
                }
            case .packetData:
                if open[packet.id] == nil {
                    guard let header = requested.removeValue(forKey: packet.id) else {
                        throw DockerError.malformedResponse("the daemon sent file \(packet.id), which was not asked for")
                    }
                    let (path, output) = try writer.create(header)
                    open[packet.id] = (path, header, output)
                }
                guard let file = open[packet.id] else { continue }
                if packet.data.isEmpty {
                    open[packet.id] = nil
                    try file.output.map { try TarExtractor.close($0, path: file.path, header: file.header) }
                    for link in waitingLinks.removeValue(forKey: Array(file.header.name.utf8)) ?? [] { _ = try writer.create(link) }
                } else {
                    try file.output?.write(packet.data, path: file.path)
                }
            case .packetFin:
                try await call.finish()
                return
            case .packetErr:
                throw DockerError(
                    category: .server, message: "the daemon failed the export: \(String(decoding: packet.data, as: UTF8.self))")
            default:
                continue
            }
            if listed && requested.isEmpty && open.isEmpty {
                // Everything is written before the FIN: the daemon ends the export on it, and
                // the build's stream may end before its answering FIN is read here.
                writer.finishDirectories()
                var fin = Fsutil_Types_Packet()
                fin.type = .packetFin
                try await call.send(try fin.serializedBytes() as [UInt8])
                listed = false
            }
        }
        throw DockerError.malformedResponse("the daemon ended the export before it was complete")
    }

    /// The entry a `STAT` describes, as a tar header: the kind from Go's file mode bits, a
    /// regular file with a link name being a hard link to an earlier path.
    static func header(_ stat: Fsutil_Types_Stat) throws -> TarHeader {
        let mode = stat.mode
        let kind: TarHeader.Kind
        if mode & (1 << 31) != 0 {
            kind = .directory
        } else if mode & (1 << 27) != 0 {
            kind = .symbolicLink
        } else if mode & (1 << 25) != 0 {
            kind = .fifo
        } else if mode & (1 << 26) != 0 {
            kind = mode & (1 << 21) != 0 ? .characterDevice : .blockDevice
        } else if mode & (1 << 24) != 0 {
            throw DockerError.malformedResponse("the daemon sent a socket, \(stat.path), in an export")
        } else {
            kind = stat.linkname.isEmpty ? .regularFile : .hardLink
        }
        var permissions = mode & 0o777
        if mode & (1 << 23) != 0 { permissions |= 0o4000 }
        if mode & (1 << 22) != 0 { permissions |= 0o2000 }
        if mode & (1 << 20) != 0 { permissions |= 0o1000 }
        return TarHeader(
            name: stat.path, kind: kind, mode: permissions, size: stat.size, modificationTime: stat.modTime / 1_000_000_000,
            linkName: stat.linkname, deviceMajor: UInt32(truncatingIfNeeded: stat.devmajor),
            deviceMinor: UInt32(truncatingIfNeeded: stat.devminor))
    }
}
