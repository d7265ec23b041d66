#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// JSON re-spaced as Go's `json.Indent` and `json.Compact` do it: tokens kept byte for byte
/// (strings with their escapes, numbers as written, keys in their order), only the white space
/// between them changed.
public enum GoJSONText {
    /// `json` re-indented as `json.Indent` does it, which is how docker prints the daemon's
    /// JSON in `docker inspect`: one element per line, `indent` per level, a space after each
    /// `:`, and empty arrays and objects as `[]` and `{}`. The input is assumed to be valid JSON
    /// (what a daemon sent), and anything else is re-spaced the same way without being checked.
    public static func indent(_ json: some Sequence<UInt8>, indent: String = "    ") -> String {
        var output: [UInt8] = []
        let indentBytes = Array(indent.utf8)
        var depth = 0
        // An opening bracket whose newline waits for the next token (none if it closes at once).
        var pendingOpen = false

        func newline() {
            output.append(UInt8(ascii: "\n"))
            for _ in 0..<depth { output.append(contentsOf: indentBytes) }
        }

        Self.forEachTokenByte(json) { byte, isInsideString in
            if isInsideString {
                output.append(byte)
                return
            }
            switch byte {
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if pendingOpen {
                    pendingOpen = false
                } else {
                    newline()
                }
                output.append(byte)
                return
            default:
                break
            }
            if pendingOpen {
                pendingOpen = false
                newline()
            }
            output.append(byte)
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                pendingOpen = true
            case UInt8(ascii: ","):
                newline()
            case UInt8(ascii: ":"):
                output.append(UInt8(ascii: " "))
            default:
                break
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `json` without the white space between its tokens, as `json.Compact` writes it (what
    /// docker sends for a `--security-opt seccomp=FILE` profile). Not checked either.
    public static func compact(_ json: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(json.underestimatedCount)
        Self.forEachTokenByte(json) { byte, _ in output.append(byte) }
        return String(decoding: output, as: UTF8.self)
    }

    /// `json` with `<`, `>`, `&` and the line and paragraph separators escaped (`\u003c`…), as
    /// Go's `json.Marshal` writes them; they can only be inside strings.
    public static func escapingHTML(_ json: Data) -> Data {
        guard json.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") || $0 == 0xE2 })
        else { return json }
        var output = Data()
        output.reserveCapacity(json.count)
        var bytes = json[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "<"): output.append(contentsOf: #"\u003c"#.utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: #"\u003e"#.utf8)
            case UInt8(ascii: "&"): output.append(contentsOf: #"\u0026"#.utf8)
            case 0xE2 where bytes.first == 0x80 && (bytes.dropFirst().first == 0xA8 || bytes.dropFirst().first == 0xA9):
                // U+2028 and U+2029 in UTF-8.
                output.append(contentsOf: (bytes.dropFirst().first == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8)
                bytes = bytes.dropFirst(2)
            default: output.append(byte)
            }
        }
        return output
    }

    /// Calls `body` with each byte of `json` but the white space between tokens, and whether
    /// the byte is inside a string (after its opening quote, up to and with its closing one).
    private static func forEachTokenByte(_ json: some Sequence<UInt8>, _ body: (UInt8, _ isInsideString: Bool) -> Void) {
        var inString = false
        var escaped = false
        for byte in json {
            if inString {
                body(byte, true)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: "\""):
                inString = true
            default:
                break
            }
            body(byte, false)
        }
    }
}
