/// The first record of CSV text as Go's `encoding/csv` `Reader.Read` returns it with its
/// defaults (comma `,`, no comments, strict quotes), which is how docker reads the values of
/// `--mount`, `--network`, `--gpus` and the services' CSV flags. A field that starts with `"`
/// runs to its closing quote (`""` inside is one quote, and it may span lines); a `"` anywhere
/// else is refused. Empty lines before the record are skipped; text with no record is refused
/// with `EOF`. Refusals carry Go's words and positions (1-based line and byte column):
/// `parse error on line 1, column 2: bare " in non-quoted-field`.
enum GoCSV {
    static func record(_ text: String) throws -> [String] {
        var reader = LineReader(bytes: Array(text.utf8))
        var line: [UInt8] = []
        // Skip empty lines, as Go does.
        while true {
            guard let next = reader.readLine() else { throw InvalidFlagValue(reason: "EOF") }
            if next.count != Self.newlineLength(next) {
                line = next
                break
            }
        }
        let recordLine = reader.lineNumber
        var position = (line: reader.lineNumber, column: 1)
        func failure(line: Int, column: Int, _ reason: String) -> InvalidFlagValue {
            let place = recordLine == line ? "" : "record on line \(recordLine); "
            return InvalidFlagValue(reason: "\(place)parse error on line \(line), column \(column): \(reason)")
        }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        var fields: [String] = []
        var field: [UInt8] = []
        var rest = line[...]
        while true {
            if rest.first != quote {
                // A field without quotes: up to the next comma or the end of the line.
                let end = rest.firstIndex(of: comma)
                var content = rest[..<(end ?? rest.endIndex)]
                if end == nil { content = content.dropLast(Self.newlineLength(content)) }
                if let bare = content.firstIndex(of: quote) {
                    throw failure(
                        line: reader.lineNumber, column: position.column + (bare - content.startIndex), #"bare " in non-quoted-field"#)
                }
                fields.append(String(decoding: content, as: UTF8.self))
                guard let end else { return fields }
                position.column += end - rest.startIndex + 1
                rest = rest[(end + 1)...]
                continue
            }
            // A quoted field.
            rest = rest.dropFirst()
            position.column += 1
            field.removeAll(keepingCapacity: true)
            while true {
                if let closing = rest.firstIndex(of: quote) {
                    field.append(contentsOf: rest[..<closing])
                    position.column += closing - rest.startIndex + 1
                    rest = rest[(closing + 1)...]
                    if rest.first == quote {
                        field.append(quote)
                        rest = rest.dropFirst()
                        position.column += 1
                    } else if rest.first == comma {
                        rest = rest.dropFirst()
                        position.column += 1
                        fields.append(String(decoding: field, as: UTF8.self))
                        break
                    } else if rest.count == Self.newlineLength(rest) {
                        fields.append(String(decoding: field, as: UTF8.self))
                        return fields
                    } else {
                        throw failure(line: reader.lineNumber, column: position.column - 1, #"extraneous or missing " in quoted-field"#)
                    }
                } else if !rest.isEmpty {
                    // The field goes on on the next line.
                    field.append(contentsOf: rest)
                    position.column += rest.count
                    let next = reader.readLine() ?? []
                    if !next.isEmpty { position = (position.line + 1, 1) }
                    rest = next[...]
                } else {
                    throw failure(line: position.line, column: position.column, #"extraneous or missing " in quoted-field"#)
                }
            }
        }
    }

    /// 1 when `bytes` ends with a newline, else 0 (Go's `lengthNL`).
    private static func newlineLength<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Int {
        bytes.last == UInt8(ascii: "\n") ? 1 : 0
    }

    /// Go's `readLine`: a line with its `\n`, `\r\n` read as `\n`, a `\r` before the end of the
    /// text dropped; every call counts a line, as Go's does.
    private struct LineReader {
        let bytes: [UInt8]
        var offset = 0
        var lineNumber = 0

        mutating func readLine() -> [UInt8]? {
            self.lineNumber += 1
            guard self.offset < self.bytes.count else { return nil }
            let newline = self.bytes[self.offset...].firstIndex(of: UInt8(ascii: "\n"))
            var line = Array(self.bytes[self.offset..<(newline.map { $0 + 1 } ?? self.bytes.count)])
            self.offset += line.count
            if newline == nil, line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.count >= 2, line[line.count - 2] == UInt8(ascii: "\r"), line.last == UInt8(ascii: "\n") {
                line.removeLast(2)
                line.append(UInt8(ascii: "\n"))
            }
            return line
        }
    }
}
