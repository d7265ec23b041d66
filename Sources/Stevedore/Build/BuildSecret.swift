import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A secret a BuildKit build may mount (`RUN --mount=type=secret,id=ID`), served through the
/// build's session when a step asks for it (`docker build --secret id=ID,src=FILE` or
/// `id=ID,env=VARIABLE`). Its value is read only then, and never appears in a description,
/// a log or an error.
public struct BuildSecret: Hashable, Sendable, CustomStringConvertible {
    /// Where the value comes from.
    public enum Source: Hashable, Sendable {
        /// The contents of a file.
        case file(URL)
        /// An environment variable of this process.
        case environmentVariable(String)
        /// These bytes.
        case bytes([UInt8])
    }

    /// The id steps name it by.
    public var id: String
    public var source: Source

    public init(id: String, source: Source) {
        self.id = id
        self.source = source
    }

    /// The value, read now. Throws ``DockerError/Category/invalidInput`` naming the file or
    /// variable (never the value) when it cannot be read.
    func value() throws -> [UInt8] {
        switch self.source {
        case .file(let url):
            // Read to its end: a pipe (`src=<(…)`) serves as well as a regular file.
            do {
                return try FileContents.bytes(ofFile: url.path)
            } catch {
                throw self.fileFailure(error)
            }
        case .environmentVariable(let name):
            guard let value = ProcessEnvironment.value(of: name) else {
                throw DockerError.invalidInput("the environment variable \(name) of secret \(self.id) is not set")
            }
            return Array(value.utf8)
        case .bytes(let bytes):
            return bytes
        }
    }

    /// Throws what ``value()`` would for a file that is not there, before the build starts:
    /// as with docker's, a secret no step asks for must still name a file that exists.
    func checkSource() throws {
        guard case .file(let url) = self.source else { return }
        let path = url.path
        guard stat.of(path, followingLinks: true) == nil else { return }
        throw self.fileFailure(GoPathError(operation: "stat", path: path, code: errno))
    }

    /// A file source that failed: the secret's id and Go's reason, never the content.
    private func fileFailure(_ failure: GoPathError) -> DockerError {
        DockerError.invalidInput("cannot read the file of secret \(self.id): \(failure)")
    }

    public var description: String {
        switch self.source {
        case .file(let url): return "secret \(self.id) from \(url.path)"
        case .environmentVariable(let name): return "secret \(self.id) from $\(name)"
        case .bytes: return "secret \(self.id) <redacted>"
        }
    }
}
