#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Go's `path/filepath` lexical functions for `/`-separated paths, which docker applies to
/// paths before it uses them (a `.dockerignore` pattern, `cp`'s and `save -o`'s destinations,
/// `--device`'s paths, a bind's relative source): the same cleaning here gives the same paths and the same errors.
public enum GoPath {
    /// Go's `filepath.Clean`: no repeated `/`, no `.` elements, `..` resolved lexically
    /// (dropped at the root), no trailing `/`; `""` becomes `.`.
    public static func clean(_ path: String) -> String {
        guard !path.isEmpty else { return "." }
        let rooted = path.hasBytePrefix("/")
        var parts: [Substring] = []
        for part in path.split(scalar: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".":
                continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(part)
                }
            default:
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// Go's `filepath.Abs`: `path` cleaned, joined to the working directory first when it is
    /// relative (an empty directory where the working directory cannot be read).
    public static func absolute(_ path: String) -> String {
        guard !path.hasBytePrefix("/") else { return Self.clean(path) }
        let directory = getcwd(nil, 0)
        defer { free(directory) }
        return Self.clean((directory.map { String(cString: $0) } ?? "") + "/" + path)
    }

    /// Go's `filepath.Dir`: all but the last element, cleaned (``clean(_:)``); `.` for a path
    /// without a `/`.
    public static func directory(of path: String) -> String {
        path.utf8.lastIndex(of: UInt8(ascii: "/")).map { Self.clean(String(path[...$0])) } ?? "."
    }

    /// Go's `filepath.Base`: the last element, trailing `/`s dropped; `.` for an empty path,
    /// `/` for one of `/`s only.
    public static func base(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.utf8.count > 1, let shorter = trimmed.cut(suffix: "/") { trimmed = shorter }
        guard !trimmed.isEmpty else { return "." }
        guard trimmed != "/" else { return "/" }
        return String(trimmed.cut(atLast: "/")?.after ?? trimmed)
    }

    /// A local path as docker's `resolveLocalPath` gives it (`cp`'s): made absolute and
    /// cleaned (``absolute(_:)``), then given back a trailing `.` or `/` it had
    /// (`PreserveTrailingDotOrSeparator`), which cleaning drops and which mean something to
    /// `cp`: `.` is `/cwd/.`, `dir/` is `/cwd/dir/`.
    public static func absolutePreservingTrailingDotOrSeparator(_ path: String) -> String {
        var absolute = Self.absolute(path)
        if Self.base(path) == ".", Self.base(absolute) != "." {
            absolute += absolute.hasByteSuffix("/") ? "." : "/."
        }
        if path.hasByteSuffix("/"), !absolute.hasByteSuffix("/") { absolute += "/" }
        return absolute
    }

    /// Go's `filepath.EvalSymlinks`: `path` with every symbolic link in it replaced by what it
    /// points to, element by element, then cleaned; failing as Go does where an element is
    /// missing (`lstat /tmp/gone: no such file or directory`, the path walked so far), where a
    /// file is followed by more elements (`not a directory`), or after 255 links (`EvalSymlinks:
    /// too many links`).
    package static func evaluatingSymlinks(_ path: String) throws(GoPathError) -> String {
        let slash = UInt8(ascii: "/")
        var path = Array(path.utf8)
        // The root, which `..` never backs up over.
        var rootLength = path.first == slash ? 1 : 0
        var resolved = Array(path.prefix(rootLength))
        var linksWalked = 0
        var end = rootLength
        while end < path.count {
            var start = end
            while start < path.count, path[start] == slash { start += 1 }
            end = start
            while end < path.count, path[end] != slash { end += 1 }
            let element = path[start..<end]
            if element.isEmpty { break }
            if element.elementsEqual(".".utf8) { continue }
            if element.elementsEqual("..".utf8) {
                // Drop the last element, unless there is none or it is a `..` kept before.
                let lastSlash = resolved.indices.last { $0 >= rootLength && resolved[$0] == slash }
                if let lastSlash, !resolved[(lastSlash + 1)...].elementsEqual("..".utf8) {
                    resolved.removeSubrange(lastSlash...)
                } else {
                    if resolved.count > rootLength { resolved.append(slash) }
                    resolved += "..".utf8
                }
                continue
            }
            if let last = resolved.last, last != slash { resolved.append(slash) }
            resolved += element
            let current = String(decoding: resolved, as: UTF8.self)
            var status = stat()
            guard lstat(current, &status) == 0 else { throw GoPathError(operation: "lstat", path: current, code: errno) }
            guard status.st_mode & S_IFMT == S_IFLNK else {
                if status.st_mode & S_IFMT != S_IFDIR, end < path.count { throw GoPathError(code: ENOTDIR) }
                continue
            }
            linksWalked += 1
            if linksWalked > 255 { throw GoPathError(message: "EvalSymlinks: too many links") }
            let link = Array(try Self.readLink(current).utf8)
            // The rest of the path is walked again from the link's target.
            path = link + path[end...]
            if link.first == slash {
                resolved = [slash]
                rootLength = 1
                end = 1
            } else {
                let lastSlash = resolved.indices.last { $0 >= rootLength && resolved[$0] == slash }
                resolved.removeSubrange((lastSlash ?? rootLength)...)
                end = 0
            }
        }
        return Self.clean(String(decoding: resolved, as: UTF8.self))
    }

    /// The target of the symbolic link at `path`, as Go's `os.Readlink` reads it.
    package static func readLink(_ path: String) throws(GoPathError) -> String {
        var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &target, target.count - 1)
        guard count >= 0 else { throw GoPathError(operation: "readlink", path: path, code: errno) }
        return String(decoding: target[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
