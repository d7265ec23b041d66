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

    /// One file's entries, read to its end (a pipe such as `<(…)` serves too); an unreadable
    /// file or a malformed line fails with docker's words and exit code 125.
    static func read(_ path: String, _ kind: Kind) throws -> [String] {
        let data: Data
        do {
            data = try LocalFiles.contents(ofFile: path)
        } catch {
            // docker names the file it could not read or parse, not one it could not open.
            throw FlagValue.conflict(error.operation == "open" ? "\(error)" : "invalid env file (\(path)): \(error)")
        }
        return try Self.parse(data, path: path, kind)
    }

    /// The entries of a file's contents (`path` names it in errors), line by line as Go's
    /// `bufio.Scanner` reads them: a line must be valid UTF-8 and shorter than the scanner's
    /// 64 KiB buffer, and errors name the first line that is not.
    static func parse(_ data: Data, path: String, _ kind: Kind) throws -> [String] {
        func invalid(_ reason: String) -> CommandFailure { FlagValue.conflict("invalid env file (\(path)): \(reason)") }
        var bytes = Array(data)[...]
        // No empty line after a final newline.
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        var entries: [String] = []
        for (index, rawLine) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            // A line and its newline must fit in the scanner's buffer, a carriage return included.
            guard rawLine.count < Self.scannerBufferSize else { throw invalid("bufio.Scanner: token too long") }
            let lineBytes = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine
            guard let text = String(validating: lineBytes, as: UTF8.self) else {
                // Go's `%v` of the line's bytes: `[104 105 255]`.
                throw invalid("invalid utf8 bytes at line \(index + 1): [\(lineBytes.map { String($0) }.joined(separator: " "))]")
            }
            let unmarked = index == 0 ? text.cut(prefix: "\u{FEFF}") ?? text[...] : text[...]
            let line = Substring(unmarked.unicodeScalars.drop(while: \.properties.isWhitespace))
            if line.isEmpty || line.utf8.first == UInt8(ascii: "#") { continue }
            let cut = line.cut(atFirst: "=")
            let key = cut?.before ?? line
            if key.isEmpty { throw invalid("no variable name on line '\(line)'") }
            if key.unicodeScalars.contains(where: \.isSpaceOrTab) { throw invalid("variable '\(key)' contains whitespaces") }
            if cut != nil {
                entries.append(String(line))
            } else if kind == .environment, let value = ProcessEnvironment.value(of: String(key)) {
                entries.append("\(key)=\(value)")
            }
        }
        return entries
    }

    /// Go's `bufio.MaxScanTokenSize`.
    private static let scannerBufferSize = 64 * 1024
}
