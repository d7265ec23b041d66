/// JSON re-indented as Go's `json.Indent` does it, which is how docker prints the daemon's
/// JSON in `docker inspect`: tokens kept byte for byte (strings with their escapes, numbers as
/// written), whitespace between them replaced by one element per line, `indent` per level, a
/// space after each `:`, and empty arrays and objects as `[]` and `{}`.
public enum GoJSONIndent {
    /// `json` re-indented; the input is assumed to be valid JSON (what a daemon sent), and
    /// anything else is re-spaced the same way without being checked.
    public static func indent(_ json: some Sequence<UInt8>, indent: String = "    ") -> String {
        var output: [UInt8] = []
        let indentBytes = Array(indent.utf8)
        var depth = 0
        var inString = false
        var escaped = false
        // An opening bracket whose newline waits for the next token (none if it closes at once).
        var pendingOpen = false

        func newline() {
            output.append(UInt8(ascii: "\n"))
            for _ in 0..<depth { output.append(contentsOf: indentBytes) }
        }

        for byte in json {
            if inString {
                output.append(byte)
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
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if pendingOpen {
                    pendingOpen = false
                    depth -= 1
                } else {
                    depth -= 1
                    newline()
                }
                output.append(byte)
                continue
            default:
                break
            }
            if pendingOpen {
                pendingOpen = false
                newline()
            }
            output.append(byte)
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
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
}
