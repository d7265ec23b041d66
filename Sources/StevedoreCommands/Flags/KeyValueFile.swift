import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The files of `--env-file` and `--label-file`, read as docker reads them: one `KEY=value`
/// a line, the value taken as written (no quotes removed, trailing spaces kept); blank lines
/// and lines starting with `#` skipped; white space at the start of a line ignored; a UTF-8 byte order
/// mark at the start ignored. A line with a bare `KEY` takes this process's `KEY` for an
/// environment file (left out when unset) and is left out of a label file.
enum KeyValueFile {
    enum Kind {
        case environment, labels
    }

    /// The entries of every file in `paths`, in order, followed by `overrides` (the `-e` or
    /// `-l` values, which come last so that they win).
    static func entries(_ paths: [String], _ kind: Kind, overrides: [String]) throws -> [String] {
        var entries: [String] = []
        for path in paths {
            entries += try Self.read(path, kind)
        }
        return entries + overrides
    }

    /// One file's entries; an unreadable file or a malformed line fails with docker's words
    /// and exit code 125.
    static func read(_ path: String, _ kind: Kind) throws -> [String] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file or directory"
            throw FlagValue.conflict("open \(path): \(reason)")
        }
        return try Self.parse(data, path: path, kind)
    }

    /// The entries of a file's contents (`path` names it in errors).
    static func parse(_ data: Data, path: String, _ kind: Kind) throws -> [String] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw FlagValue.conflict("invalid env file (\(path)): the file is not valid UTF-8")
        }
        let lines = text.cut(prefix: "\u{FEFF}") ?? text[...]
        var entries: [String] = []
        for rawLine in lines.scannedLines() {
            let line = Substring(rawLine.unicodeScalars.drop(while: \.properties.isWhitespace))
            if line.isEmpty || line.utf8.first == UInt8(ascii: "#") { continue }
            let cut = line.cut(atFirst: "=")
            let key = cut?.before ?? line
            if key.isEmpty { throw FlagValue.conflict("invalid env file (\(path)): no variable name on line '\(line)'") }
            if key.unicodeScalars.contains(where: \.isSpaceOrTab) {
                throw FlagValue.conflict("invalid env file (\(path)): variable '\(key)' contains whitespaces")
            }
            if cut != nil {
                entries.append(String(line))
            } else if kind == .environment, let value = ProcessEnvironment.value(of: String(key)) {
                entries.append("\(key)=\(value)")
            }
        }
        return entries
    }
}
