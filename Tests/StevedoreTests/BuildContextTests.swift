import Foundation
import Testing

@testable import Stevedore

@Suite struct BuildContextTests {
    /// `café` spelled with U+00E9 and `cafe\u{301}` are two directories on Linux: a Dockerfile
    /// in the second is outside a context in the first, and goes as docker sends one from
    /// outside, not as the context's own file of that name (which `.dockerignore` may exclude).
    @Test func aDockerfileUnderAnEquivalentDirectoryNameIsOutsideTheContext() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-context-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let context = base.appendingPathComponent("caf\u{E9}")
        let other = base.appendingPathComponent("cafe\u{301}")
        for directory in [context, other] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data("FROM scratch\n".utf8).write(to: directory.appendingPathComponent("prod.Dockerfile"))
        }
        let built = try BuildContext(directory: context, dockerfile: other.appendingPathComponent("prod.Dockerfile"))
        #expect(built.externalDockerfile.map { Array($0.path.utf8) } == Array(other.appendingPathComponent("prod.Dockerfile").path.utf8))
        #expect(built.dockerfile != "prod.Dockerfile" && built.externalDockerfile?.isRegularFile == true)
        let inside = try BuildContext(directory: context, dockerfile: context.appendingPathComponent("prod.Dockerfile"))
        #expect(inside.dockerfile == "prod.Dockerfile" && inside.externalDockerfile == nil)
    }

    /// Where a Dockerfile's links lead decides where it is, as for docker's CLI: a link in the
    /// context to a file outside is sent as an outside Dockerfile (the daemon would not follow
    /// it), a link to a file inside names that file. Without `-f`, a lone `dockerfile` is used.
    @Test func aDockerfileIsWhereItsLinksLead() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-context-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let context = base.appendingPathComponent("context")
        let other = base.appendingPathComponent("other")
        for directory in [context.appendingPathComponent("sub"), other] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        try Data("FROM scratch\n".utf8).write(to: other.appendingPathComponent("Dockerfile.alt"))
        try Data("FROM busybox\n".utf8).write(to: context.appendingPathComponent("sub/real"))
        try FileManager.default.createSymbolicLink(
            atPath: context.appendingPathComponent("out").path, withDestinationPath: "../other/Dockerfile.alt")
        try FileManager.default.createSymbolicLink(atPath: context.appendingPathComponent("in").path, withDestinationPath: "sub/real")
        let outside = try BuildContext(directory: context, dockerfile: context.appendingPathComponent("out"))
        #expect(outside.externalDockerfile?.content == Array("FROM scratch\n".utf8))
        #expect(outside.dockerfile.hasPrefix(".dockerfile."))
        let inside = try BuildContext(directory: context, dockerfile: context.appendingPathComponent("in"))
        #expect(inside.dockerfile == "sub/real" && inside.externalDockerfile == nil)
        try FileManager.default.moveItem(at: context.appendingPathComponent("sub/real"), to: context.appendingPathComponent("dockerfile"))
        #expect(try BuildContext(directory: context).dockerfile == "dockerfile")
    }

    /// A context that is missing, or a file, is refused in docker's words.
    @Test func aContextMustBeAnExistingDirectory() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/stevedore-context")
        let absent = #expect(throws: DockerError.self) { try BuildContext(directory: missing) }
        #expect(absent?.message == #"path "/nonexistent/stevedore-context" not found"#)
        // As given: relative to the working directory.
        let relative = #expect(throws: DockerError.self) { try BuildContext(directory: URL(fileURLWithPath: "stevedore-no-such-context")) }
        #expect(relative?.message == #"path "stevedore-no-such-context" not found"#)
        let plain = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-context-\(UUID().uuidString)")
        try Data("x".utf8).write(to: plain)
        defer { try? FileManager.default.removeItem(at: plain) }
        let file = #expect(throws: DockerError.self) { try BuildContext(directory: plain) }
        #expect(file?.message == "context must be a directory: \(plain.resolvingSymlinksInPath().path)")
    }

    /// A Dockerfile from outside the context is read when the context is made, to its end: a
    /// pipe (`-f <(…)`) serves, and one that cannot be read fails there, not by a build
    /// without it.
    @Test func anOutsideDockerfileMayBeAPipeAndIsReadOnce() throws {
        let context = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-context-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: context, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: context) }
        let fifo = context.appendingPathExtension("fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        defer { try? FileManager.default.removeItem(at: fifo) }
        // Opening a FIFO to write waits for its reader: on a thread of its own.
        let writer = Thread { try? Data("FROM scratch\n".utf8).write(to: fifo) }
        writer.start()
        let built = try BuildContext(directory: context, dockerfile: fifo)
        #expect(built.externalDockerfile?.content == Array("FROM scratch\n".utf8))
        #expect(built.externalDockerfile?.isRegularFile == false)
        let unreadable = #expect(throws: DockerError.self) { try BuildContext(directory: context, dockerfile: URL(fileURLWithPath: "/")) }
        #expect(unreadable?.message == "cannot read the Dockerfile: read /: is a directory")
    }
}
