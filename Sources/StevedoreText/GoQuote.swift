/// Go's `strconv.Quote` and `strconv.Unquote`, as `%q` prints strings and templates read
/// string literals.
public enum GoQuote {
    /// A double-quoted Go string literal: `\a \b \f \n \r \t \v \\ \"` escaped, other
    /// non-printable characters as `\xXX`, `\uXXXX` or `\UXXXXXXXX`, printable ones kept.
    public static func quote(_ string: String) -> String {
        var output = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\u{07}": output += "\\a"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{0B}": output += "\\v"
            default:
                if isPrintable(scalar) {
                    output.unicodeScalars.append(scalar)
                } else if scalar.value < 0x80 {
                    output += "\\x" + scalar.value.hexDigits(width: 2)
                } else if scalar.value <= 0xFFFF {
                    output += "\\u" + scalar.value.hexDigits(width: 4)
                } else {
                    output += "\\U" + scalar.value.hexDigits(width: 8)
                }
            }
        }
        return output + "\""
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    public static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// Go's `%#U`: `U+007D '}'`.
    public static func unicodeDescription(of scalar: Unicode.Scalar) -> String {
        let code = "U+" + scalar.value.hexDigits(width: 4).uppercased()
        return isPrintable(scalar) ? "\(code) '\(Character(scalar))'" : code
    }

    /// Reads a Go string, raw string or character literal (with its quotes); nil when malformed.
    public static func unquote(_ literal: String) -> String? {
        let scalars = Array(literal.unicodeScalars)
        guard scalars.count >= 2, let quote = scalars.first, scalars.last == quote else { return nil }
        let body = scalars[1..<scalars.count - 1]
        if quote == "`" {
            return body.contains(Unicode.Scalar("`")) ? nil : String(String.UnicodeScalarView(body)).replacingScalars("\r", with: "")
        }
        guard quote == "\"" || quote == "'" else { return nil }
        var output = String.UnicodeScalarView()
        var index = body.startIndex
        func take(_ count: Int, radix: Int) -> UInt32? {
            guard body.endIndex - index >= count else { return nil }
            let text = String(String.UnicodeScalarView(body[index..<index + count]))
            index += count
            return UInt32(text, radix: radix)
        }
        while index < body.endIndex {
            let scalar = body[index]
            index += 1
            if scalar == quote || scalar == "\n" { return nil }
            guard scalar == "\\" else {
                output.append(scalar)
                continue
            }
            guard index < body.endIndex else { return nil }
            let escape = body[index]
            index += 1
            let simple: [Unicode.Scalar: Unicode.Scalar] = [
                "a": "\u{07}", "b": "\u{08}", "f": "\u{0C}", "n": "\n", "r": "\r", "t": "\t", "v": "\u{0B}", "\\": "\\",
            ]
            if let mapped = simple[escape] {
                output.append(mapped)
            } else if escape == quote {
                output.append(quote)
            } else {
                let value: UInt32?
                switch escape {
                case "x": value = take(2, radix: 16)
                case "u": value = take(4, radix: 16)
                case "U": value = take(8, radix: 16)
                case "0"..."7":
                    index -= 1
                    value = take(3, radix: 8)
                default: return nil
                }
                guard let value, let decoded = Unicode.Scalar(value) else { return nil }
                output.append(decoded)
            }
        }
        return String(output)
    }
}
