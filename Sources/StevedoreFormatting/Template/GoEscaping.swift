/// The escapes of Go's `text/template` builtins `html`, `js` and `urlquery`
/// (`template.HTMLEscapeString`, `template.JSEscapeString`, `url.QueryEscape`), byte for byte.
enum GoEscaping {
    /// `html`: `"`, `'`, `&`, `<` and `>` as entities, a NUL as U+FFFD.
    static func html(_ text: String) -> String {
        Self.escaping(text) { scalar in
            switch scalar {
            case "\"": "&#34;"
            case "'": "&#39;"
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\0": "\u{FFFD}"
            default: nil
            }
        }
    }

    /// `js`: `\`, `'` and `"` escaped with a backslash; `<`, `>`, `&`, `=`, control characters
    /// and what Go's `unicode.IsPrint` refuses as `\uXXXX` (upper-case hex, at least four digits).
    static func javaScript(_ text: String) -> String {
        Self.escaping(text) { scalar in
            switch scalar {
            case "\\": "\\\\"
            case "'": "\\'"
            case "\"": "\\\""
            case "<", ">", "&", "=": Self.unicodeEscape(scalar)
            default: scalar.value < 0x20 || (!scalar.isASCII && !Self.isPrintable(scalar)) ? Self.unicodeEscape(scalar) : nil
            }
        }
    }

    /// `urlquery`: a query component, as `url.QueryEscape` writes it: letters, digits and
    /// `-_.~` as they are, a space as `+`, every other byte as `%XX`.
    static func urlQuery(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                escaped.append(byte)
            case UInt8(ascii: " "):
                escaped.append(UInt8(ascii: "+"))
            default:
                escaped += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// `text` with each scalar `replacement` gives a replacement for replaced.
    private static func escaping(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) {
                escaped += replaced
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    private static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return false
        default:
            return true
        }
    }
}
