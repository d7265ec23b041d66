import NIOCore
import StevedoreText

/// Options of ``DockerClient/Containers/putArchive(_:path:tar:options:)``
/// (`PUT /containers/{id}/archive`).
public struct ContainerPutArchiveOptions: Hashable, Sendable {
    /// `noOverwriteDirNonDir`: fail instead of replacing a directory with a non-directory or
    /// the reverse.
    public var noOverwriteDirNonDir: Bool
    /// `copyUIDGID`: give the extracted files the owner of the destination directory's
    /// user and group mapping instead of the archive's owners (API ≥ 1.30).
    public var copyUIDGID: Bool

    public init(noOverwriteDirNonDir: Bool = false, copyUIDGID: Bool = false) {
        self.noOverwriteDirNonDir = noOverwriteDirNonDir
        self.copyUIDGID = copyUIDGID
    }
}

extension DockerError.Category {
    /// The destination of an archive upload exists and is not a directory (the daemon's
    /// "not a directory", 400 or, from dockerd 20.10, 500).
    public static let notADirectory = DockerError.Category("notADirectory")
}

extension DockerClient.Containers {
    /// `PUT /containers/{id}/archive`: extracts the tar `tar` (uncompressed, gzip, bzip2 or xz)
    /// into the directory `path` of the container. The archive is streamed as `tar` produces
    /// it, never held whole: chunked, or with `Content-Length` when its length is known (a file,
    /// bytes in memory, or a stream given its `length`).
    ///
    /// Errors: a `path` that exists and is not a directory throws
    /// ``DockerError/Category/notADirectory``; a missing `path` or container,
    /// ``DockerError/Category/notFound``; a read-only root filesystem or volume,
    /// ``DockerError/Category/forbidden``.
    public func putArchive(
        _ id: String,
        path: String,
        tar: ByteSource,
        options: ContainerPutArchiveOptions = .init()
    ) async throws {
        var query = try Self.archiveQuery(path)
        query.add("noOverwriteDirNonDir", options.noOverwriteDirNonDir ? true : nil)
        if options.copyUIDGID {
            try await self.client.requireAPIVersion(APIVersion(1, 30), for: "the copyUIDGID option of the archive upload")
            query.add("copyUIDGID", true)
        }
        var request = DockerRequest(.PUT, try ObjectPath.container(id, "/archive"), query: query, body: tar.body)
        // Without it the daemon's form parsing would read the tar as a form and extract nothing.
        request.headers.add(name: "Content-Type", value: "application/x-tar")
        request.isStream = true
        do {
            try await self.client.discardingBody(request)
        } catch var error as DockerError where error.statusCode != nil && error.message.hasByteSuffix("not a directory") {
            error.category = .notADirectory
            error.hint = "the destination \(path) exists in the container and is not a directory"
            throw error
        }
    }
}
