import NIOCore
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

/// A local directory sent as a build context, the way the docker CLI sends it: a tar of the
/// directory minus what `.dockerignore` excludes, streamed while it is read (never held in
/// memory), entries in lexical order, owned by root.
///
/// Exactly as the CLI (classic builder): `.dockerignore` is read with ``DockerIgnore``; if it
/// excludes the Dockerfile or itself they are still sent (the daemon needs them); an excluded
/// directory is not walked unless an exception pattern names a path inside it; a Dockerfile
/// outside the directory is added as `.dockerfile.<random>` and listed in the sent
/// `.dockerignore` so that `COPY .` leaves it out. Symbolic links are sent as links, hard links
/// as links to the first name, sockets are skipped.
public struct BuildContext: Sendable {
    /// The context directory.
    public let directory: URL
    /// The Dockerfile's path inside the archive: what ``ImageBuildOptions/dockerfile`` must name.
    public let dockerfile: String
    /// The patterns applied, with the CLI's exceptions for the Dockerfile and `.dockerignore`.
    public let ignore: DockerIgnore
    /// A Dockerfile outside the directory: its path on disk, and its content, sent under
    /// ``dockerfile``. Read once, when the context is made: the path may be a pipe (`<(…)`),
    /// which `isRegularFile` (seen then) tells.
    let externalDockerfile: (path: String, content: [UInt8], isRegularFile: Bool)?
    /// The `.dockerignore` text sent instead of the file's (with the external Dockerfile's name).
    let replacedDockerIgnore: String?

    /// The context of `directory`, with the Dockerfile at `dockerfile` (default:
    /// `directory/Dockerfile`, or `directory/dockerfile` when only that exists). Throws
    /// ``DockerError/Category/invalidInput`` if the directory or the Dockerfile is missing, or
    /// `.dockerignore` is invalid.
    public init(directory: URL, dockerfile: URL? = nil) throws {
        let root = directory.standardizedFileURL.resolvingSymlinksInPath()
        guard stat.isDirectory(root.path) else {
            // docker's words: `unable to prepare context: path "x" not found`.
            let exists = stat.of(root.path, followingLinks: true) != nil
            throw DockerError.invalidInput(
                exists ? "context must be a directory: \(root.path)" : "path \(GoQuote.quote(directory.relativePath)) not found")
        }
        let dockerfileURL = (dockerfile ?? Self.defaultDockerfile(in: root)).standardizedFileURL
        guard FileManager.default.fileExists(atPath: dockerfileURL.path) else {
            throw DockerError.invalidInput("cannot find the Dockerfile \(dockerfileURL.path)")
        }
        let ignoreURL = root.appendingPathComponent(".dockerignore")
        let ignoreText: String?
        if FileManager.default.fileExists(atPath: ignoreURL.path) {
            guard let data = FileManager.default.contents(atPath: ignoreURL.path) else {
                throw DockerError.invalidInput("cannot read \(ignoreURL.path)")
            }
            ignoreText = String(decoding: data, as: UTF8.self)
        } else {
            ignoreText = nil
        }
        var patterns = DockerIgnore.parse(ignoreText ?? "")
        let parsed = try DockerIgnore(patterns: patterns)
        if parsed.isExcluded(".dockerignore") { patterns.append("!.dockerignore") }

        let resolvedDockerfile = dockerfileURL.resolvingSymlinksInPath().path
        let rootPrefix = root.path.hasByteSuffix("/") ? root.path : root.path + "/"
        // Where the Dockerfile's links lead decides, as for the CLI: a link in the directory to a
        // file outside it is sent as an outside Dockerfile (the daemon would not follow it).
        // Compared by bytes: `café` and `cafe\u{301}` are two directories.
        if let inside = resolvedDockerfile.cut(prefix: rootPrefix) {
            let relative = String(inside)
            if try DockerIgnore(patterns: patterns).isExcluded(relative) { patterns.append("!" + relative) }
            self.dockerfile = relative
            self.externalDockerfile = nil
            self.replacedDockerIgnore = nil
        } else {
            let name = ".dockerfile." + (0..<10).map { _ in UInt8.random(in: 0...255).hexDigits(width: 2) }.joined()
            self.dockerfile = name
            do {
                let isRegularFile = stat.isRegularFile(dockerfileURL.path)
                self.externalDockerfile = (dockerfileURL.path, try FileContents.bytes(ofFile: dockerfileURL.path), isRegularFile)
            } catch {
                throw DockerError.invalidInput("cannot read the Dockerfile: \(error)")
            }
            // The CLI's AddDockerfileToBuildContext: the context's .dockerignore (or one that
            // ignores itself) plus the Dockerfile's name.
            self.replacedDockerIgnore = (ignoreText ?? ".dockerignore") + "\n" + name + "\n"
        }
        self.directory = root
        self.ignore = try DockerIgnore(patterns: patterns)
    }

    /// `Dockerfile` in `directory`, or `dockerfile` when only that exists, as the CLI looks.
    private static func defaultDockerfile(in directory: URL) -> URL {
        let standard = directory.appendingPathComponent("Dockerfile")
        let lowercase = directory.appendingPathComponent("dockerfile")
        guard stat.of(standard.path) == nil, stat.of(lowercase.path) != nil else { return standard }
        return lowercase
    }

    /// The archive, streamed: read the directory as the bytes are sent.
    public var archive: ByteSource { .stream(BuildContextArchive(context: self)) }

    /// The names the archive holds, in order (directories end with `/`): what ``archive`` sends,
    /// without reading file contents.
    public func entryNames() throws -> [String] {
        var walker = BuildContextWalker(context: self)
        var names: [String] = []
        while let entry = try walker.next() {
            names.append(entry.header.kind == .directory ? entry.header.name + "/" : entry.header.name)
        }
        return names
    }
}

/// One entry of a build context: its header, and the file to read its data from.
struct BuildContextEntry {
    var header: TarHeader
    /// The file whose `header.size` bytes follow the header, or in-memory contents.
    var source: Source

    enum Source {
        case none
        case file(String)
        case bytes([UInt8])
    }
}

/// Walks a context directory as moby's `TarWithOptions` does (`filepath.WalkDir`, lexical
/// order, parent match results reused), yielding the entries to send.
struct BuildContextWalker {
    private struct Frame {
        var relativePath: String
        var names: [String]
        var index = 0
        var matchInfo: DockerIgnore.MatchInfo
    }

    let context: BuildContext
    private var frames: [Frame] = []
    private var started = false
    private var finishedWalk = false
    private var emittedExtras = false
    private var sentDockerIgnore = false
    private var hardLinks: [String: String] = [:]

    init(context: BuildContext) {
        self.context = context
    }

    mutating func next() throws -> BuildContextEntry? {
        if !self.started {
            self.started = true
            self.frames = [Frame(relativePath: "", names: try self.sortedNames(""), matchInfo: .init())]
        }
        while var frame = self.frames.popLast() {
            guard frame.index < frame.names.count else { continue }
            let name = frame.names[frame.index]
            frame.index += 1
            self.frames.append(frame)
            let relative = frame.relativePath.isEmpty ? name : frame.relativePath + "/" + name
            let absolute = self.context.directory.path + "/" + relative
            var status = stat()
            guard lstat(absolute, &status) == 0 else {
                if errno == ENOENT { continue }  // removed while walking
                throw DockerError.invalidInput("cannot stat \(absolute) in the build context: \(String(cString: strerror(errno)))")
            }
            let isDirectory = status.st_mode & S_IFMT == S_IFDIR
            let (excluded, info) = self.context.ignore.matches(relative, parent: frame.matchInfo)
            if excluded {
                guard isDirectory, self.context.ignore.hasExceptions, self.context.ignore.hasException(inside: relative) else { continue }
                self.frames.append(Frame(relativePath: relative, names: try self.sortedNames(relative), matchInfo: info))
                continue
            }
            if isDirectory {
                self.frames.append(Frame(relativePath: relative, names: try self.sortedNames(relative), matchInfo: info))
            }
            if let entry = try self.entry(relative: relative, absolute: absolute, status: status) { return entry }
        }
        return self.extraEntry()
    }

    /// The external Dockerfile and, if the context has none, the `.dockerignore` naming it.
    private mutating func extraEntry() -> BuildContextEntry? {
        guard let external = self.context.externalDockerfile, !self.emittedExtras else { return nil }
        if !self.finishedWalk {
            self.finishedWalk = true
            return Self.memoryEntry(self.context.dockerfile, external.content)
        }
        self.emittedExtras = true
        if self.sentDockerIgnore { return nil }
        return Self.memoryEntry(".dockerignore", Array((self.context.replacedDockerIgnore ?? "").utf8))
    }

    private static func memoryEntry(_ name: String, _ bytes: [UInt8]) -> BuildContextEntry {
        BuildContextEntry(
            header: TarHeader(
                name: name, kind: .regularFile, mode: 0o644, size: Int64(bytes.count), modificationTime: Int64(Date().timeIntervalSince1970)
            ),
            source: .bytes(bytes))
    }

    private mutating func entry(relative: String, absolute: String, status: stat) throws -> BuildContextEntry? {
        var header = TarHeader(
            name: relative, kind: .regularFile, mode: UInt32(status.st_mode) & 0o7777,
            modificationTime: Int64(status.modificationTime.tv_sec))
        var source = BuildContextEntry.Source.none
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            if relative == ".dockerignore", let replaced = self.context.replacedDockerIgnore {
                self.sentDockerIgnore = true
                header.size = Int64(replaced.utf8.count)
                return BuildContextEntry(header: header, source: .bytes(Array(replaced.utf8)))
            }
            let inode = "\(status.st_dev):\(status.st_ino)"
            if status.st_nlink > 1, let first = self.hardLinks[inode] {
                header.kind = .hardLink
                header.linkName = first
            } else {
                if status.st_nlink > 1 { self.hardLinks[inode] = relative }
                guard access(absolute, R_OK) == 0 else {
                    throw DockerError.invalidInput("no permission to read \(absolute) in the build context")
                }
                header.size = Int64(status.st_size)
                source = .file(absolute)
            }
        case S_IFDIR:
            header.kind = .directory  // the header adds the trailing `/`
        case S_IFLNK:
            header.kind = .symbolicLink
            header.linkName = try Self.linkTarget(absolute)
        case S_IFCHR, S_IFBLK:
            header.kind = status.st_mode & S_IFMT == S_IFCHR ? .characterDevice : .blockDevice
            let device = status.deviceNumbers
            header.deviceMajor = UInt32(truncatingIfNeeded: device.major)
            header.deviceMinor = UInt32(truncatingIfNeeded: device.minor)
        case S_IFIFO:
            header.kind = .fifo
        default:
            return nil  // sockets: skipped, as the CLI skips them
        }
        return BuildContextEntry(header: header, source: source)
    }

    private static func linkTarget(_ path: String) throws -> String {
        do {
            return try GoPath.readLink(path)
        } catch {
            throw DockerError.invalidInput("cannot read the link \(path): \(goErrnoText(error.code))")
        }
    }

    /// The names in a directory, sorted bytewise as Go's `os.ReadDir` sorts them.
    private func sortedNames(_ relative: String) throws -> [String] {
        let path = relative.isEmpty ? self.context.directory.path : self.context.directory.path + "/" + relative
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } catch {
            throw DockerError.invalidInput("cannot read the directory \(path) in the build context", cause: error)
        }
    }
}

/// The tar bytes of a ``BuildContext``, produced as they are consumed: small entries are
/// batched into chunks of about ``chunkSize`` bytes, big files read ``chunkSize`` at a time.
struct BuildContextArchive: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    static let chunkSize = 256 << 10

    let context: BuildContext

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(walker: BuildContextWalker(context: self.context)) }

    struct AsyncIterator: AsyncIteratorProtocol {
        var walker: BuildContextWalker
        /// The file being sent, its path and the bytes of it still to send.
        var file: (box: FileDescriptorBox, path: String, remaining: Int64, size: Int64)?
        var finished = false

        mutating func next() async throws -> ByteBuffer? {
            guard !self.finished else { return nil }
            var chunk = ByteBuffer()
            while chunk.readableBytes < BuildContextArchive.chunkSize {
                if self.file != nil {
                    try self.readFile(into: &chunk)
                    continue
                }
                guard let entry = try self.walker.next() else {
                    chunk.writeRepeatingByte(0, count: 2 * TarHeader.blockSize)
                    self.finished = true
                    break
                }
                var encoded = entry.header.encoded()
                chunk.writeBuffer(&encoded)
                switch entry.source {
                case .none:
                    break
                case .bytes(let bytes):
                    chunk.writeBytes(bytes)
                    chunk.writeRepeatingByte(0, count: TarHeader.padding(forContentSize: Int64(bytes.count)))
                case .file(let path):
                    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
                    guard descriptor >= 0 else {
                        throw DockerError.invalidInput("cannot open \(path) in the build context: \(String(cString: strerror(errno)))")
                    }
                    self.file = (FileDescriptorBox(descriptor), path, entry.header.size, entry.header.size)
                }
            }
            return chunk
        }

        /// Reads the current file into `chunk`; at its end, pads it and closes it. A file that
        /// shrank while being sent is an error (its header promised more); one that grew is cut
        /// at the size announced.
        private mutating func readFile(into chunk: inout ByteBuffer) throws {
            guard let file = self.file else { return }
            let wanted = Int(Swift.min(file.remaining, Int64(BuildContextArchive.chunkSize)))
            if wanted > 0 {
                guard var read = try file.box.read(upTo: wanted, path: file.path) else {
                    throw DockerError.invalidInput("\(file.path) shrank while the build context was being sent")
                }
                self.file?.remaining -= Int64(read.readableBytes)
                chunk.writeBuffer(&read)
            }
            if self.file?.remaining == 0 {
                chunk.writeRepeatingByte(0, count: TarHeader.padding(forContentSize: file.size))
                self.file = nil
            }
        }
    }
}
