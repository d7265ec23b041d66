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

/// Options of ``DockerClient/Containers/copyIn(_:path:from:options:progress:)`` and
/// ``DockerClient/Containers/copyOut(_:path:to:options:progress:)``, the `docker cp` conveniences.
public struct ContainerCopyOptions: Hashable, Sendable {
    /// Copy what a symbolic link source points to instead of the link (`docker cp -L`).
    public var followLink: Bool
    /// Copy in: give the files the destination's owner mapping (`docker cp -a`, API ≥ 1.30).
    public var copyUIDGID: Bool
    /// Copy in: fail rather than replace a directory with a non-directory or the reverse
    /// (default `true`: `docker cp` never replaces one with the other).
    public var noOverwriteDirNonDir: Bool

    public init(followLink: Bool = false, copyUIDGID: Bool = false, noOverwriteDirNonDir: Bool = true) {
        self.followLink = followLink
        self.copyUIDGID = copyUIDGID
        self.noOverwriteDirNonDir = noOverwriteDirNonDir
    }
}

extension DockerClient.Containers {
    /// Copies the local file or directory `source` to `path` in the container, as
    /// `docker cp SRC CONTAINER:PATH` does: into `path` when it is an existing directory,
    /// otherwise as `path` itself (whose parent must exist); a `source` whose last element is
    /// `.` (`dir/.`, `.`, `./`) copies a directory's contents. A symbolic link at `path` is
    /// written through, as docker follows it (one link; a relative target is joined to the
    /// link's directory). The tar is built while it is sent (modes, times, symbolic links and
    /// directories kept; see ``LocalTarArchive``). Returns the path the copy went to: `path`,
    /// or the target of the link there.
    ///
    /// `progress` is called with the bytes of the tar sent so far, each time a chunk goes to the
    /// daemon (docker's `Successfully copied 2.05kB` counts them).
    ///
    /// Errors: an empty or missing `source` or a directory onto an existing file,
    /// ``DockerError/Category/invalidInput``; a file onto a `path` ending in `/` that does not
    /// exist (a directory is copied as it, as docker copies it) or a missing parent,
    /// ``DockerError/Category/notFound``.
    @discardableResult
    public func copyIn(
        _ id: String, path: String, from source: String, options: ContainerCopyOptions = .init(),
        progress: (@Sendable (Int64) -> Void)? = nil
    ) async throws -> String {
        try ObjectPath.container.validate(id)
        // Not the working directory, which an empty path would resolve to.
        guard !source.isEmpty else { throw DockerError.invalidInput("source can not be empty") }
        // As docker: a source whose last element is `.` (`.`, `dir/.`, `./`) copies its contents.
        let copiesContents = GoPath.base(source) == "."
        // A directory whose contents are copied is itself resolved, as docker does.
        let local = try Self.resolvedLocalSource(source, followLink: options.followLink || copiesContents)
        guard let status = stat.of(local) else {
            throw DockerError.invalidInput(GoPathError(operation: "lstat", path: local, code: errno).description)
        }
        // A link is copied as a link unless followLink (which resolved it above).
        let sourceIsDirectory = status.st_mode & S_IFMT == S_IFDIR
        let (target, destination) = try await self.copyDestination(id, path: path)
        let extractInto: String
        let archiveName: String
        if let destination, destination.mode.isDirectory {
            extractInto = target
            archiveName = copiesContents ? "." : URL(fileURLWithPath: source).lastPathComponent
        } else {
            if destination != nil, sourceIsDirectory {
                throw DockerError.invalidInput("cannot copy the directory \(source) to \(path) in the container: it is a file")
            }
            // A missing `dir/` is made for a directory, as docker makes it; a file is refused.
            if destination == nil, target.hasByteSuffix("/"), !sourceIsDirectory {
                throw DockerError(category: .notFound, message: "the directory \(target) does not exist in container \(id)")
            }
            let (parent, name) = Self.split(target)
            extractInto = parent
            archiveName = name
        }
        let tar = ByteSource.stream(LocalTarArchive(source: local, archiveName: archiveName))
        try await self.putCopy(id, into: extractInto, tar: tar, options: options, progress: progress)
        return target
    }

    /// Extracts the tar `tar` into the directory `path` of the container, as
    /// `docker cp - CONTAINER:PATH` does: through a symbolic link at `path` (as
    /// ``copyIn(_:path:from:options:progress:)``), never replacing a directory with a
    /// non-directory or the reverse. Returns the directory the tar went to. `progress` is
    /// called with the bytes sent so far.
    ///
    /// Errors: a `path` that is not an existing directory, ``DockerError/Category/invalidInput``
    /// (`destination "ID:PATH" must be a directory`, as docker words it), before any byte of
    /// `tar` is read.
    @discardableResult
    public func copyIn(
        _ id: String, path: String, tar: ByteSource, options: ContainerCopyOptions = .init(),
        progress: (@Sendable (Int64) -> Void)? = nil
    ) async throws -> String {
        try ObjectPath.container.validate(id)
        let (target, destination) = try await self.copyDestination(id, path: path)
        guard let destination, destination.mode.isDirectory else {
            throw DockerError.invalidInput("destination \"\(id):\(path)\" must be a directory")
        }
        try await self.putCopy(id, into: target, tar: tar, options: options, progress: progress)
        return target
    }

    /// The upload of both copies in: `tar` into the directory `path`, with the copy's options
    /// and its progress reported.
    private func putCopy(
        _ id: String, into path: String, tar: ByteSource, options: ContainerCopyOptions, progress: (@Sendable (Int64) -> Void)?
    ) async throws {
        try await self.putArchive(
            id, path: path, tar: progress.map(tar.reportingProgress) ?? tar,
            options: ContainerPutArchiveOptions(noOverwriteDirNonDir: options.noOverwriteDirNonDir, copyUIDGID: options.copyUIDGID)
        )
    }

    /// Where a copy to `path` in the container goes, and its stat there (nil when missing):
    /// `path`, or, for a symbolic link there, its target (one link, as docker follows it; a
    /// relative target joined to the link's directory).
    private func copyDestination(_ id: String, path: String) async throws -> (path: String, stat: ContainerPathStat?) {
        let status = try await self.pathStatIfExists(id, path: path)
        guard let status, status.mode.isSymbolicLink else { return (path, status) }
        let target = Self.joinedLinkTarget(status.linkTarget, of: path)
        return (target, try await self.pathStatIfExists(id, path: target))
    }

    /// Copies `path` of the container to the local `destination`, as
    /// `docker cp CONTAINER:PATH DEST` does: into `destination` when it is an existing
    /// directory, otherwise as `destination` itself (whose parent must exist; a missing
    /// `destination/` is made for a directory, refused for a file). A symbolic link at
    /// `destination` is written through, link after link, as docker follows them (a link to
    /// nothing too, when its target's directory exists). The archive is
    /// extracted as it arrives (see ``TarExtractor`` for what it refuses). Returns the stat of
    /// what was copied. `progress` is called with the bytes of the tar received so far.
    ///
    /// Errors: a missing path or container, ``DockerError/Category/notFound``; an empty
    /// `destination`, a directory onto an existing local file or a missing local parent,
    /// ``DockerError/Category/invalidInput``.
    @discardableResult
    public func copyOut(
        _ id: String, path: String, to destination: String, options: ContainerCopyOptions = .init(),
        progress: ((Int64) -> Void)? = nil
    ) async throws -> ContainerPathStat {
        try Self.checkLocalDestination(destination)
        let source = options.followLink ? try await self.resolvingLink(id, path: path) : path
        let archive = try await self.archive(id, path: source)
        // As docker: the links are followed once the container's side answered.
        let destination = try Self.resolvedLocalDestination(destination)
        let exists = stat.of(destination, followingLinks: true) != nil
        if exists, stat.isDirectory(destination) {
            // A followed link is copied under the link's name, as docker rebases it.
            let linkName = Self.split(path).name
            let renaming = archive.stat.name != linkName && source != path ? (archive.stat.name, linkName) : nil
            try await TarExtractor.extract(archive.tar, into: destination, renaming: renaming, progress: progress)
            return archive.stat
        }
        if exists, archive.stat.mode.isDirectory {
            throw DockerError.invalidInput("cannot copy the directory \(path) to \(destination): it is a file")
        }
        let (parent, name) = Self.split(destination)
        // A directory is made at a missing `destination/`, as docker makes it; a file is not.
        let namesMissingDirectory = destination.hasByteSuffix("/") && !archive.stat.mode.isDirectory
        guard !namesMissingDirectory, stat.isDirectory(parent) else {
            throw DockerError.invalidInput("the local directory \(namesMissingDirectory ? destination : parent) does not exist")
        }
        try await TarExtractor.extract(archive.tar, into: parent, renaming: (archive.stat.name, name), progress: progress)
        return archive.stat
    }

    /// The local path `docker cp` copies for `source`: absolute, with the links of its
    /// directories resolved (as docker's `ResolveHostSourcePath`), and with its own link too
    /// where `followLink`. A trailing `/` or `/.` counts, as docker keeps it: after a file, it
    /// is `not a directory`. A directory on the way that is missing fails as Go's
    /// `filepath.EvalSymlinks` does (`lstat /tmp/gone: no such file or directory`).
    static func resolvedLocalSource(_ source: String, followLink: Bool) throws -> String {
        let absolute = GoPath.absolutePreservingTrailingDotOrSeparator(source)
        do {
            if followLink { return try GoPath.evaluatingSymlinks(absolute) }
            // Go's `filepath.Split`: the directory keeps its `/`. Its resolution and the name
            // are joined with a `/`, even at the root (`//x`).
            let lastSlash = absolute.utf8.lastIndex(of: UInt8(ascii: "/")) ?? absolute.utf8.startIndex
            let name = absolute[absolute.utf8.index(after: lastSlash)...]
            return try GoPath.evaluatingSymlinks(String(absolute[...lastSlash])) + "/" + name
        } catch {
            throw DockerError.invalidInput(error.description)
        }
    }

    /// The path `docker cp -L` copies for `path` in the container: what a symbolic link at
    /// `path` points to (one level; a relative target joined to the link's directory and
    /// cleaned, an absolute one as it is), keeping a trailing `/` or `/.` of `path`; `path`
    /// itself when it is anything else. ``copyOut(_:path:to:options:progress:)`` follows it with
    /// ``ContainerCopyOptions/followLink``; an archive of it is what `docker cp -L` writes to
    /// standard output. A path that cannot be stat'ed is returned as it is.
    public func resolvingLink(_ id: String, path: String) async throws -> String {
        // As docker: a path that cannot be stat'ed is left for the archive's request to refuse.
        guard let status = try? await self.archiveInfo(id, path: path), status.mode.isSymbolicLink else { return path }
        var resolved = Self.joinedLinkTarget(status.linkTarget, of: path)
        if path.hasByteSuffix("/."), !resolved.hasByteSuffix("/.") {
            resolved += "/."
        } else if path.hasByteSuffix("/"), !resolved.hasByteSuffix("/") {
            resolved += "/"
        }
        return resolved
    }

    /// The stat of `path`, nil when the daemon cannot give one (a missing container still
    /// throws). As docker, any other answer counts as a missing path: a stat is a `HEAD`,
    /// whose answer has no room for the reason (a path under a file is a bare `500`), and
    /// extracting there fails with the daemon's own words.
    private func pathStatIfExists(_ id: String, path: String) async throws -> ContainerPathStat? {
        do {
            return try await self.archiveInfo(id, path: path)
        } catch let error as DockerError where error.statusCode != nil && !error.message.contains("No such container") {
            return nil
        }
    }

    /// A link's target as a path: an absolute one as it is, a relative one joined to the
    /// directory of `link` and cleaned, as docker joins them.
    static func joinedLinkTarget(_ target: String, of link: String) -> String {
        target.hasBytePrefix("/") ? target : GoPath.clean(Self.split(link).parent + "/" + target)
    }

    /// The local path a copy to `destination` writes, as docker's `CopyInfoDestinationPath`
    /// finds it: `destination`, or what the symbolic links there lead to (at most 11 of them),
    /// whose directory must then exist when it does not.
    static func resolvedLocalDestination(_ destination: String) throws -> String {
        var path = destination
        var links = 0
        while let status = stat.of(path), status.st_mode & S_IFMT == S_IFLNK {
            guard links <= 10 else { throw DockerError.invalidInput("too many symlinks in \(GoPath.absolute(destination))") }
            links += 1
            do {
                path = Self.joinedLinkTarget(try GoPath.readLink(path), of: path)
            } catch {
                throw DockerError.invalidInput(error.description)
            }
        }
        guard links > 0, stat.of(path) == nil else { return path }
        let parent = Self.split(path).parent
        guard let status = stat.of(parent, followingLinks: true) else {
            throw DockerError.invalidInput(GoPathError(operation: "stat", path: parent, code: errno).description)
        }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw DockerError.invalidInput(GoPathError(code: ENOTDIR).description) }
        return path
    }

    /// docker's checks of a local destination (its `ValidateOutputPath`), before any request,
    /// in its words: the directory it names exists, and the destination can be looked at (a
    /// file where a directory is named, `FILE/` or `FILE/x`, is `not a directory`).
    static func checkLocalDestination(_ destination: String) throws {
        // Not the working directory, which an empty path would resolve to.
        guard !destination.isEmpty else { throw DockerError.invalidInput("destination can not be empty") }
        // As docker's `resolveLocalPath`: absolute, cleaned, a trailing `/` kept.
        let cleaned = GoPath.absolute(destination)
        let absolute = destination.hasByteSuffix("/") && cleaned != "/" ? cleaned + "/" : cleaned
        let directory = GoPath.directory(of: cleaned)
        if stat.of(directory, followingLinks: true) == nil && errno == ENOENT {
            throw DockerError.invalidInput("invalid output path: directory \(GoQuote.quote(directory)) does not exist")
        }
        guard stat.of(absolute, followingLinks: true) == nil else { return }
        let code = errno
        guard code == ENOENT else { throw DockerError.invalidInput(GoPathError(operation: "stat", path: absolute, code: code).description) }
    }

    /// `/a/b/c` → (`/a/b`, `c`); `c` → (`.`, `c`); `/c` → (`/`, `c`).
    static func split(_ path: String) -> (parent: String, name: String) {
        var trimmed = Substring(path)
        while trimmed.utf8.count > 1, let shorter = trimmed.cut(suffix: "/") { trimmed = shorter }
        guard let (parent, name) = trimmed.cut(atLast: "/") else { return (".", String(trimmed)) }
        return (parent.isEmpty ? "/" : String(parent), String(name))
    }
}
