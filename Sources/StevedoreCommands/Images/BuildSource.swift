import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Where a build's context comes from: a directory (tarred with `.dockerignore`), a tar or a
/// lone Dockerfile on stdin (`-`), or a URL the daemon fetches.
struct BuildSource {
    /// The context to upload; `nil` for a remote context.
    var archive: ByteSource?
    /// The local directory the context is, which BuildKit reads through a session; `nil` for
    /// a tar on stdin or a remote context.
    var buildContext: BuildContext?
    /// The URL of a remote context.
    var remote: String?
    /// The directory made for a Dockerfile read from stdin: remove it once the build is done.
    var temporaryDirectory: URL?
    /// The Dockerfile's name inside the context, when Stevedore decides it.
    var dockerfile: String?

    init(context: String, dockerfile: String?) throws {
        if context == "-" {
            guard dockerfile != "-" else {
                throw CommandFailure(description: "invalid argument: can't use stdin for both build context and dockerfile")
            }
            (self.archive, self.dockerfile, self.temporaryDirectory) = try Self.standardInput(dockerfile: dockerfile)
        } else if Self.isRemote(context) {
            // The daemon fetches the repository or archive itself (`remote`).
            self.remote = context
            self.dockerfile = dockerfile
        } else {
            var dockerfileURL = dockerfile.map { URL(fileURLWithPath: $0) }
            if dockerfile == "-" {
                dockerfileURL = try Self.temporaryFile(named: "Dockerfile", contents: Data(readableBytesOf: StandardInput.readToEnd()))
                self.temporaryDirectory = dockerfileURL?.deletingLastPathComponent()
            }
            let buildContext: BuildContext
            do {
                buildContext = try BuildContext(directory: URL(fileURLWithPath: context), dockerfile: dockerfileURL)
            } catch let error as DockerError {
                throw CommandFailure(description: "unable to prepare context: \(error.message)")
            }
            self.archive = buildContext.archive
            self.dockerfile = buildContext.dockerfile
            self.buildContext = buildContext
        }
    }

    /// stdin holds a context tar (plain or compressed), or else a Dockerfile, which becomes a
    /// context of its own as docker makes it.
    private static func standardInput(dockerfile: String?) throws -> (ByteSource, String?, URL?) {
        // Enough to tell an archive: a tar's magic ends at byte 262.
        var first = ByteBuffer()
        while first.readableBytes < 262, var chunk = try StandardInput.readChunk(maximum: 256 << 10) {
            first.writeBuffer(&chunk)
        }
        if Self.isArchive(Data(readableBytesOf: first)) {
            return (.stream(PrefixedChunks(first: first, rest: StandardInput.uploadChunks)), dockerfile, nil)
        }
        if let dockerfile, !dockerfile.isEmpty {
            throw CommandFailure(
                description: "unable to prepare context: ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles")
        }
        var rest = try StandardInput.readToEnd()
        first.writeBuffer(&rest)
        let file = try Self.temporaryFile(named: "Dockerfile", contents: Data(readableBytesOf: first))
        let buildContext = try BuildContext(directory: file.deletingLastPathComponent())
        return (buildContext.archive, buildContext.dockerfile, file.deletingLastPathComponent())
    }

    /// docker's `urlutil`: `http(s)://`, `git://`, `git@`, `github.com/`.
    static func isRemote(_ context: String) -> Bool {
        ["http://", "https://", "git://", "git@", "github.com/"].contains { context.hasBytePrefix($0) }
    }

    /// A tar (the `ustar` magic) or a gzip, bzip2, xz or zstd stream.
    static func isArchive(_ data: Data) -> Bool {
        let bytes = [UInt8](data.prefix(262))
        let magics: [[UInt8]] = [[0x1F, 0x8B], [0x42, 0x5A, 0x68], [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], [0x28, 0xB5, 0x2F, 0xFD]]
        if magics.contains(where: { bytes.starts(with: $0) }) { return true }
        return bytes.count >= 262 && Array(bytes[257..<262]) == Array("ustar".utf8)
    }

    /// A new file in a new temporary directory.
    private static func temporaryFile(named name: String, contents: Data) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-build-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(name)
        try contents.write(to: file)
        return file
    }
}
