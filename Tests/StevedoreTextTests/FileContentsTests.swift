import Foundation
import StevedoreText
import Testing

/// Files read to their end, as Go's `os.ReadFile` reads them, with its errors.
@Suite struct FileContentsTests {
    @Test func pipesAndDevicesAreReadToTheirEnd() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try FileContents.bytes(ofFile: "/dev/null") == [])
        let fifo = directory.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // 200 KB, more than one read: opening a FIFO to write waits for its reader, so on a thread of its own.
        let written = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0) })
        let writer = Thread { try? written.write(to: URL(fileURLWithPath: fifo)) }
        writer.start()
        #expect(try FileContents.bytes(ofFile: fifo) == Array(written))
        let file = directory.appendingPathComponent("file")
        try written.write(to: file)
        #expect(try FileContents.bytes(ofFile: file.path, limit: 70_000) == Array(written.prefix(70_000)))
    }

    @Test func failuresReadAsGosPathErrors() throws {
        let missing = #expect(throws: GoPathError.self) { try FileContents.bytes(ofFile: "/nonexistent/file") }
        #expect(missing?.description == "open /nonexistent/file: no such file or directory")
        let directory = #expect(throws: GoPathError.self) { try FileContents.bytes(ofFile: "/") }
        #expect(directory?.description == "read /: is a directory")
    }
}
