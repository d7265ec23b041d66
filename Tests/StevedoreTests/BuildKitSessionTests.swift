import Foundation
import NIOCore
import Testing

@testable import Stevedore

@Suite("BuildKit session: gRPC framing and the file sync walk")
struct BuildKitSessionTests {
    @Test func messagesAreUnframedWhateverTheChunks() throws {
        var wire = GRPCMessageFramer.frame([1, 2, 3])
        var second = GRPCMessageFramer.frame([UInt8](repeating: 7, count: 300))
        wire.writeBuffer(&second)
        var empty = GRPCMessageFramer.frame([UInt8]())
        wire.writeBuffer(&empty)
        let bytes = Array(wire.readableBytesView)
        for split in [1, 4, 5, 6, 200, bytes.count - 1] {
            var framer = GRPCMessageFramer()
            let messages =
                try framer.messages(in: ByteBuffer(bytes: bytes[..<split])) + framer.messages(in: ByteBuffer(bytes: bytes[split...]))
            #expect(
                messages.map { Array($0.readableBytesView) } == [[1, 2, 3], [UInt8](repeating: 7, count: 300), []], "split at \(split)")
        }
        var compressed = GRPCMessageFramer()
        #expect(throws: DockerError.self) { try compressed.messages(in: ByteBuffer(bytes: [1, 0, 0, 0, 1, 9])) }
        var huge = GRPCMessageFramer()
        #expect(throws: DockerError.self) { try huge.messages(in: ByteBuffer(bytes: [0, 0xFF, 0xFF, 0xFF, 0xFF])) }
    }

    @Test func theWalkIsInTheDaemonsOrderAndHonoursThePatterns() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-filesync-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for path in ["b/z.txt", "b/a.log", "a-b/x", "a/y", "c.txt", "skip/inside/keep.txt", "skip/other"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(path.utf8).write(to: url)
        }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link").path, withDestinationPath: "c.txt")
        let all = try FileSyncSender(root: root, metadata: [:]).entries().map(\.stat.path)
        // Names in byte order ("a" < "a-b" < "b"), each directory before what it holds.
        #expect(
            all == [
                "a", "a/y", "a-b", "a-b/x", "b", "b/a.log", "b/z.txt", "c.txt", "link", "skip", "skip/inside", "skip/inside/keep.txt",
                "skip/other",
            ])
        let filtered = try FileSyncSender(
            root: root, metadata: ["exclude-patterns": ["*.log", "**/*.log", "skip", "!skip/inside/keep.txt"]]
        )
        .entries().map(\.stat.path)
        #expect(filtered == ["a", "a/y", "a-b", "a-b/x", "b", "b/z.txt", "c.txt", "link", "skip", "skip/inside", "skip/inside/keep.txt"])
        let included = try FileSyncSender(root: root, metadata: ["include-patterns": ["b/z.txt", "c.txt"]]).entries().map(\.stat.path)
        #expect(included == ["b", "b/z.txt", "c.txt"])

        let entries = try FileSyncSender(root: root, metadata: [:]).entries()
        let link = try #require(entries.first { $0.stat.path == "link" })
        #expect(link.stat.linkname == "c.txt" && link.stat.mode & (1 << 27) != 0 && !link.isRegularFile)
        let directory = try #require(entries.first { $0.stat.path == "a" })
        #expect(directory.stat.mode & (1 << 31) != 0)
        let file = try #require(entries.first { $0.stat.path == "c.txt" })
        #expect(file.isRegularFile && file.stat.size == 5 && file.stat.mode >> 9 == 0 && file.stat.uid == 0)
    }

    @Test func goFileModesCarryTheSpecialBits() {
        #expect(FileSyncSender.goFileMode(0o104755) == 0o755 | 1 << 23)
        #expect(FileSyncSender.goFileMode(0o041777) == 0o777 | 1 << 31 | 1 << 20)
        #expect(FileSyncSender.goFileMode(0o020644) == 0o644 | 1 << 26 | 1 << 21)
    }

    @Test func followPathsSendOnlyThoseFilesAndTheLinksTheyLeadThrough() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-follow-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for path in ["build/Dockerfile.real", "large.bin", ".dockerignore"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(path.utf8).write(to: url)
        }
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("Dockerfile").path, withDestinationPath: "build/Dockerfile.real")
        #expect(
            FileSyncSender.resolvingLinks(["Dockerfile", "./.dockerignore", "missing"], in: root.path)
                == ["Dockerfile", "build/Dockerfile.real", ".dockerignore", "missing"])
        let sent = try FileSyncSender(root: root, metadata: ["followpaths": ["Dockerfile", "Dockerfile.dockerignore"]]).entries()
        #expect(sent.map(\.stat.path) == ["Dockerfile", "build", "build/Dockerfile.real"])
        // A link's size is its target's length, as Go's lstat reports it (the daemon compares it).
        #expect(sent[0].stat.size == Int64("build/Dockerfile.real".utf8.count))
        #expect(FileSyncSender.cleaned("a/./b/../../../c") == "c")
        // An absolute target is absolute however its next scalar joins the `/`.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("sub/Dockerfile").path, withDestinationPath: "/\u{301}df")
        #expect(
            FileSyncSender.resolvingLinks(["sub/Dockerfile"], in: root.path).map { Array($0.utf8) }
                == [Array("sub/Dockerfile".utf8), Array("\u{301}df".utf8)])
    }

    @Test func theAgentFilterPassesListingAndSigningOnly() throws {
        var filter = SSHAgentRequestFilter()
        let list: [UInt8] = [0, 0, 0, 1, 11]
        let sign: [UInt8] = [0, 0, 0, 3, 13, 7, 7]
        let removeAll: [UInt8] = [0, 0, 0, 1, 19]
        // Messages split anywhere, and several in one piece.
        #expect(try filter.feed(list.prefix(3)) == [])
        #expect(try filter.feed(Array(list.dropFirst(3)) + sign + removeAll.prefix(2)) == [.forward(list), .forward(sign)])
        #expect(try filter.feed(removeAll.dropFirst(2)) == [.refuse])
        #expect(try filter.feed([0, 0, 0, 0]) == [.refuse])
        var huge = SSHAgentRequestFilter()
        #expect(throws: DockerError.self) { try huge.feed([0, 0x10, 0, 0, 11]) }
    }

    @Test func exportedStatsBecomeTheEntriesTheyDescribe() throws {
        func stat(_ path: String, _ mode: UInt32, linkname: String = "") -> Fsutil_Types_Stat {
            var stat = Fsutil_Types_Stat()
            stat.path = path
            stat.mode = mode
            stat.linkname = linkname
            stat.modTime = 1_700_000_000_123_456_789
            return stat
        }
        #expect(try FileSendReceiver.header(stat("d", 1 << 31 | 0o750)).kind == .directory)
        #expect(try FileSendReceiver.header(stat("d", 1 << 31 | 0o750)).mode == 0o750)
        #expect(try FileSendReceiver.header(stat("l", 1 << 27 | 0o777, linkname: "t")).kind == .symbolicLink)
        #expect(try FileSendReceiver.header(stat("h", 0o644, linkname: "f")).kind == .hardLink)
        let file = try FileSendReceiver.header(stat("f", 0o755 | 1 << 23))
        #expect(file.kind == .regularFile && file.mode == 0o4755 && file.modificationTime == 1_700_000_000)
        #expect(try FileSendReceiver.header(stat("c", 1 << 26 | 1 << 21 | 0o666)).kind == .characterDevice)
        #expect(throws: DockerError.self) { try FileSendReceiver.header(stat("s", 1 << 24 | 0o777)) }
    }

    /// A secret's file is read to its end, so a pipe or a device serves (`src=<(…)`); one that
    /// cannot be read names the secret and Go's reason, never its content.
    @Test func aSecretsFileMayBeAPipe() throws {
        #expect(try BuildSecret(id: "empty", source: .file(URL(fileURLWithPath: "/dev/null"))).value() == [])
        let unreadable = #expect(throws: DockerError.self) {
            try BuildSecret(id: "token", source: .file(URL(fileURLWithPath: "/"))).value()
        }
        #expect(unreadable?.category == .invalidInput)
        #expect(unreadable?.message == "cannot read the file of secret token: read /: is a directory")
    }
}
