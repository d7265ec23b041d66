import StevedoreTestSupport
import Testing

@testable import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `save -o` and `export -o`: the file holds the new archive only once all of it arrived.
@Suite struct ByteStreamFileTests {
    /// A fake daemon whose archive answer promises `length` bytes and sends `body`.
    private static func daemon(length: Int, body: String) async throws -> FakeHTTPServer {
        try await FakeHTTPServer.start { connection in
            while let request = try await connection.readRequest() {
                if request.target.hasSuffix("/_ping") {
                    try await connection.write(EventStreamTests.pingAnswer)
                } else {
                    try await connection.write(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nContent-Length: \(length)\r\n\r\n\(body)")
                    return
                }
            }
        }
    }

    private static func withDirectory(_ body: (URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(directory)
    }

    @Test func aBrokenStreamLeavesTheFileAsItWas() async throws {
        let server = try await Self.daemon(length: 1000, body: "only the start")
        defer { Task { await server.shutdown() } }
        let client = try EventStreamTests.client(for: server)
        defer { client.shutdown() }
        try await Self.withDirectory { directory in
            let file = directory.appendingPathComponent("image.tar")
            try Data("the archive saved yesterday".utf8).write(to: file)
            let error = await #expect(throws: DockerError.self) { try await client.images.save("busybox").write(toFile: file.path) }
            #expect(error?.category == .connection, "\(String(describing: error))")
            #expect(try Data(contentsOf: file) == Data("the archive saved yesterday".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["image.tar"])
        }
    }

    @Test func aWholeStreamReplacesTheFile() async throws {
        let server = try await Self.daemon(length: 11, body: "new archive")
        defer { Task { await server.shutdown() } }
        let client = try EventStreamTests.client(for: server)
        defer { client.shutdown() }
        try await Self.withDirectory { directory in
            let file = directory.appendingPathComponent("image.tar")
            try Data("old".utf8).write(to: file)
            try await client.images.save("busybox").write(toFile: file.path)
            #expect(try Data(contentsOf: file) == Data("new archive".utf8))
            let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["image.tar"])
        }
    }

    @Test func aDestinationThatIsNoRegularFileIsRefusedBeforeAnyByteIsRead() async throws {
        try await Self.withDirectory { directory in
            for (path, message) in [
                (directory.path, "cannot write to a directory"), (directory.path + "/missing/x.tar", "invalid output path"),
            ] {
                let server = try await Self.daemon(length: 11, body: "new archive")
                defer { Task { await server.shutdown() } }
                let client = try EventStreamTests.client(for: server)
                defer { client.shutdown() }
                let error = await #expect(throws: DockerError.self) { try await client.images.save("busybox").write(toFile: path) }
                #expect(error?.category == .invalidInput)
                #expect(error?.message.contains(message) == true, "\(String(describing: error))")
            }
            let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(left.isEmpty)
        }
    }
}
