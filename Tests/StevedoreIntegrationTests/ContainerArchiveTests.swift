import Foundation
import NIOCore
import Stevedore
import StevedoreTestSupport
import Testing

@Suite(
    "Container archives and copying against the real engine",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct ContainerArchiveTests {
    /// A single-entry tar holding `content` as `name`, built as the local archive writer does.
    func tar(_ name: String, _ content: ByteBuffer) -> ByteBuffer {
        var buffer = TarHeader(
            name: name, kind: .regularFile, mode: 0o640, size: Int64(content.readableBytes), modificationTime: 1_700_000_000
        ).encoded()
        var body = content
        buffer.writeBuffer(&body)
        buffer.writeRepeatingByte(0, count: (512 - content.readableBytes % 512) % 512 + 1024)
        return buffer
    }

    @Test func putThenGetReturnsTheSameBytesAndStat() async throws {
        try await TestEngine.withClient { client in
            try await client.withContainer(["true"], start: false) { id in
                var content = ByteBuffer()
                for index in 0..<300_000 { content.writeInteger(UInt8(truncatingIfNeeded: index &* 31)) }
                let archive = self.tar("blob.bin", content)
                try await client.containers.putArchive(id, path: "/tmp", tar: .stream([archive].async, length: archive.readableBytes))
                let stat = try await client.containers.archiveInfo(id, path: "/tmp/blob.bin")
                #expect(stat.name == "blob.bin")
                #expect(stat.size == 300_000)
                #expect(stat.mode.isRegularFile && stat.mode.permissions == 0o640)
                #expect(stat.modificationDate == Date(timeIntervalSince1970: 1_700_000_000))
                let fetched = try await client.containers.archive(id, path: "/tmp/blob.bin")
                #expect(fetched.stat == stat)
                var parser = TarParser()
                var received = ByteBuffer()
                for try await chunk in fetched.tar {
                    for case .content(var bytes) in try parser.feed(chunk) { received.writeBuffer(&bytes) }
                }
                #expect(received == content)
                let directory = try await client.containers.archiveInfo(id, path: "/bin")
                #expect(directory.mode.isDirectory)
                let link = try await client.containers.archiveInfo(id, path: "/bin/ls")
                #expect(link.mode.isSymbolicLink || link.mode.isRegularFile)
            }
        }
    }

    @Test func archiveFailures() async throws {
        try await TestEngine.withClient { client in
            try await client.withContainer(["true"], start: false) { id in
                let archive = self.tar("x", ByteBuffer(string: "x"))
                let notDirectory = await #expect(throws: DockerError.self) {
                    try await client.containers.putArchive(id, path: "/bin/busybox", tar: .stream([archive].async))
                }
                #expect(notDirectory?.category == .notADirectory)
                let missing = await #expect(throws: DockerError.self) {
                    try await client.containers.putArchive(id, path: "/no/such/dir", tar: .stream([archive].async))
                }
                #expect(missing?.category == .notFound)
                let missingPath = await #expect(throws: DockerError.self) { try await client.containers.archiveInfo(id, path: "/nope") }
                #expect(missingPath?.category == .notFound)
                #expect(missingPath?.message.contains("/nope") == true)
                let missingGet = await #expect(throws: DockerError.self) { try await client.containers.archive(id, path: "/nope") }
                #expect(missingGet?.category == .notFound)
                let empty = await #expect(throws: DockerError.self) { try await client.containers.archiveInfo(id, path: "") }
                #expect(empty?.category == .invalidInput)
                // A directory must not replace the file /bin/busybox with noOverwriteDirNonDir.
                var directory = TarHeader(name: "busybox", kind: .directory, mode: 0o755).encoded()
                directory.writeRepeatingByte(0, count: 1024)
                let replaced = await #expect(throws: DockerError.self) {
                    try await client.containers.putArchive(
                        id, path: "/bin", tar: .stream([directory].async), options: .init(noOverwriteDirNonDir: true))
                }
                #expect(replaced != nil)
                let busybox = try await client.containers.archiveInfo(id, path: "/bin/busybox")
                #expect(busybox.mode.isRegularFile)
            }
        }
    }

    @Test func copyADirectoryTreeInAndOut() async throws {
        try await TestEngine.withClient { client in
            let local = FileManager.default.temporaryDirectory.appendingPathComponent(uniqueName("cp")).path
            defer { try? FileManager.default.removeItem(atPath: local) }
            let tree = local + "/tree"
            try FileManager.default.createDirectory(atPath: tree + "/sub", withIntermediateDirectories: true)
            let big = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
            try big.write(to: URL(fileURLWithPath: tree + "/sub/big.bin"))
            try Data("#!/bin/sh\necho hi\n".utf8).write(to: URL(fileURLWithPath: tree + "/run.sh"))
            try FileManager.default.setAttributes([.posixPermissions: 0o750], ofItemAtPath: tree + "/run.sh")
            try FileManager.default.createSymbolicLink(atPath: tree + "/link", withDestinationPath: "sub/big.bin")

            try await client.withContainer(["true"], start: false) { id in
                // Into an existing directory: lands as /tmp/tree.
                try await client.containers.copyIn(id, path: "/tmp", from: tree)
                #expect(try await client.containers.archiveInfo(id, path: "/tmp/tree/sub/big.bin").size == 3_000_000)
                #expect(try await client.containers.archiveInfo(id, path: "/tmp/tree/run.sh").mode.permissions == 0o750)
                let link = try await client.containers.archiveInfo(id, path: "/tmp/tree/link")
                #expect(link.mode.isSymbolicLink && link.linkTarget == "/tmp/tree/sub/big.bin")
                // To a new name: the directory becomes /copied.
                try await client.containers.copyIn(id, path: "/copied", from: tree)
                #expect(try await client.containers.archiveInfo(id, path: "/copied/run.sh").size == 18)
                // A file onto an existing file replaces it.
                try await client.containers.copyIn(id, path: "/copied/sub/big.bin", from: tree + "/run.sh")
                #expect(try await client.containers.archiveInfo(id, path: "/copied/sub/big.bin").size == 18)

                // Out again, to a new local name.
                let back = local + "/back"
                let stat = try await client.containers.copyOut(id, path: "/tmp/tree", to: back)
                #expect(stat.mode.isDirectory)
                #expect(try Data(contentsOf: URL(fileURLWithPath: back + "/sub/big.bin")) == big)
                let mode = try FileManager.default.attributesOfItem(atPath: back + "/run.sh")[.posixPermissions] as? Int
                #expect(mode == 0o750)
                #expect(try FileManager.default.destinationOfSymbolicLink(atPath: back + "/link") == "sub/big.bin")
                // A file into an existing local directory.
                try await client.containers.copyOut(id, path: "/tmp/tree/run.sh", to: local)
                #expect(FileManager.default.fileExists(atPath: local + "/run.sh"))

                let directoryOntoFile = await #expect(throws: DockerError.self) {
                    try await client.containers.copyIn(id, path: "/bin/busybox", from: tree)
                }
                #expect(directoryOntoFile?.category == .invalidInput)
                let missingSource = await #expect(throws: DockerError.self) {
                    try await client.containers.copyIn(id, path: "/tmp", from: local + "/none")
                }
                #expect(missingSource?.category == .invalidInput)
                // A path under a file: its stat is a bare 500 (a HEAD has no body); the
                // extraction then says why, in the daemon's words.
                let underAFile = await #expect(throws: DockerError.self) {
                    try await client.containers.copyIn(id, path: "/bin/busybox/x", from: tree + "/run.sh")
                }
                #expect(underAFile?.message.contains("not a directory") == true, "\(String(describing: underAFile))")
                let missingParent = await #expect(throws: DockerError.self) {
                    try await client.containers.copyOut(id, path: "/tmp/tree", to: local + "/no/such/dir")
                }
                #expect(missingParent?.category == .invalidInput)
            }
            let missingContainer = await #expect(throws: DockerError.self) {
                try await client.containers.copyIn(uniqueName("missing"), path: "/tmp", from: tree)
            }
            #expect(missingContainer?.category == .notFound)
        }
    }
}

extension ContainerArchiveTests {
    /// A copy onto a symbolic link writes through it, as docker's: in the container one link
    /// (to a file: its target replaced; to a directory: copied into it), locally link after link.
    @Test func copiesWriteThroughALinkAtTheDestination() async throws {
        try await TestEngine.withClient { client in
            let local = FileManager.default.temporaryDirectory.appendingPathComponent(uniqueName("cp")).path
            defer { try? FileManager.default.removeItem(atPath: local) }
            let links = local + "/links"
            try FileManager.default.createDirectory(atPath: links + "/dir", withIntermediateDirectories: true)
            try Data("old\n".utf8).write(to: URL(fileURLWithPath: links + "/target"))
            try FileManager.default.createSymbolicLink(atPath: links + "/file-link", withDestinationPath: "target")
            try FileManager.default.createSymbolicLink(atPath: links + "/dir-link", withDestinationPath: "dir")
            let newFile = local + "/new"
            try Data("new content\n".utf8).write(to: URL(fileURLWithPath: newFile))

            try await client.withContainer(["true"], start: false) { id in
                try await client.containers.copyIn(id, path: "/tmp", from: links)
                #expect(try await client.containers.copyIn(id, path: "/tmp/links/file-link", from: newFile) == "/tmp/links/target")
                #expect(try await client.containers.archiveInfo(id, path: "/tmp/links/file-link").mode.isSymbolicLink)
                #expect(try await client.containers.archiveInfo(id, path: "/tmp/links/target").size == 12)
                try await client.containers.copyIn(id, path: "/tmp/links/dir-link", from: newFile)
                #expect(try await client.containers.archiveInfo(id, path: "/tmp/links/dir/new").size == 12)
                let archive = self.tar("from-tar", ByteBuffer(string: "x"))
                let into = try await client.containers.copyIn(id, path: "/tmp/links/dir-link", tar: .stream([archive].async))
                #expect(into == "/tmp/links/dir")
                #expect(try await client.containers.archiveInfo(id, path: "/tmp/links/dir/from-tar").size == 1)
                let ontoFile = await #expect(throws: DockerError.self) {
                    try await client.containers.copyIn(id, path: "/tmp/links/target", tar: .stream([archive].async))
                }
                #expect(ontoFile?.category == .invalidInput)
                #expect(ontoFile?.message == "destination \"\(id):/tmp/links/target\" must be a directory")

                // Locally: through two links to the file they lead to.
                try FileManager.default.createSymbolicLink(atPath: local + "/chain", withDestinationPath: "links/file-link")
                try await client.containers.copyOut(id, path: "/tmp/links/target", to: local + "/chain")
                #expect(try FileManager.default.destinationOfSymbolicLink(atPath: local + "/chain") == "links/file-link")
                #expect(try String(contentsOfFile: links + "/target", encoding: .utf8) == "new content\n")
                // A link to nothing in a directory that does not exist: docker's stat error.
                try FileManager.default.createSymbolicLink(atPath: local + "/dangling", withDestinationPath: local + "/none/x")
                let dangling = await #expect(throws: DockerError.self) {
                    try await client.containers.copyOut(id, path: "/tmp/links/target", to: local + "/dangling")
                }
                #expect(dangling?.message == "stat \(local)/none: no such file or directory")
            }
        }
    }
}

extension Array where Element == ByteBuffer {
    /// The buffers as an `AsyncSequence`, for upload bodies in tests.
    var async: AsyncStream<ByteBuffer> {
        AsyncStream { continuation in
            for buffer in self { continuation.yield(buffer) }
            continuation.finish()
        }
    }
}
