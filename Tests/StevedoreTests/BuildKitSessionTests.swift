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
}
