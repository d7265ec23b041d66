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
}
