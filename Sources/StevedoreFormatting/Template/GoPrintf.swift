import StevedoreText

/// Go's `fmt.Sprint`, `fmt.Sprintln` and `fmt.Sprintf` over template values, for the
/// template functions `print`, `println` and `printf`.
///
/// `printf` knows the verbs `%v %s %q %d %t %x %X %o %b %c %U %e %E %f %F %g %G %%`, the flags
/// `- + # 0` and space, and width and precision (also as `*`). A nil argument is JSON null
/// or a missing value. Mistakes print as Go prints them: `%!d(string=x)`, `%!s(MISSING)`,
/// `%!(EXTRA int=2)`, `%!(NOVERB)`.
enum GoPrintf {
    /// `fmt.Sprint`: operands concatenated, a space between two operands when neither is a string.
    static func sprint(_ arguments: [TemplateValue]) -> String {
        var output = ""
        for (position, argument) in arguments.enumerated() {
            if position > 0, !argument.isString, !arguments[position - 1].isString { output += " " }
            output += argument.goDescription
        }
        return output
    }

    /// `fmt.Sprintln`: operands separated by spaces, then a newline.
    static func sprintln(_ arguments: [TemplateValue]) -> String {
        arguments.map(\.goDescription).joined(separator: " ") + "\n"
    }

    private struct Flags {
        var minus = false, plus = false, sharp = false, zero = false, space = false
        var width: Int?
        var precision: Int?
    }

    static func sprintf(_ format: String, _ arguments: [TemplateValue]) -> String {
        let scalars = Array(format.unicodeScalars)
        var output = ""
        var index = 0
        var argumentIndex = 0
        // Go's fmt takes no width or precision above 1e6: a longer number ends the format
        // as if no verb followed (`%!(NOVERB)`), a larger `*` argument is a bad width.
        let maximum = 1_000_000
        func number() -> Int? {
            var value: Int?
            while index < scalars.count, let digit = Int(String(scalars[index])), scalars[index].isASCII {
                if let value, value > maximum {
                    index = scalars.count
                    return nil
                }
                value = (value ?? 0) * 10 + digit
                index += 1
            }
            return value
        }
        // A `*`: the next argument, nil when it is missing, not an int or too large (Go's
        // `intFromArg`).
        func star() -> Int?? {
            guard index < scalars.count, scalars[index] == "*" else { return .none }
            index += 1
            guard argumentIndex < arguments.count, case .int(let value) = arguments[argumentIndex] else {
                argumentIndex += 1
                return .some(nil)
            }
            argumentIndex += 1
            return .some(value > maximum || value < -maximum ? nil : Int(value))
        }
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            guard scalar == "%" else {
                output.unicodeScalars.append(scalar)
                continue
            }
            var flags = Flags()
            flagLoop: while index < scalars.count {
                switch scalars[index] {
                case "-": flags.minus = true
                case "+": flags.plus = true
                case "#": flags.sharp = true
                case "0": flags.zero = true
                case " ": flags.space = true
                default: break flagLoop
                }
                index += 1
            }
            // As Go's fmt: a bad `*` says so and formats without it; a negative width pads on
            // the right, a negative precision is a bad one.
            if let width = star() {
                if let width {
                    flags.width = abs(width)
                    if width < 0 { (flags.minus, flags.zero) = (true, false) }
                } else {
                    output += "%!(BADWIDTH)"
                }
            } else {
                flags.width = number()
            }
            if index < scalars.count, scalars[index] == "." {
                index += 1
                if let precision = star() {
                    if let precision, precision >= 0 { flags.precision = precision } else { output += "%!(BADPREC)" }
                } else {
                    flags.precision = number() ?? 0
                }
            }
            guard index < scalars.count else {
                output += "%!(NOVERB)"
                break
            }
            let verb = Character(scalars[index])
            index += 1
            if verb == "%" {
                output += "%"
                continue
            }
            guard argumentIndex < arguments.count else {
                output += "%!\(verb)(MISSING)"
                continue
            }
            output += formatArgument(arguments[argumentIndex], verb: verb, flags: flags)
            argumentIndex += 1
        }
        if argumentIndex < arguments.count {
            let extra = arguments[argumentIndex...].map { "\($0 == .null ? "<nil>" : $0.goTypeName)=\($0.goDescription)" }
            output += "%!(EXTRA " + extra.joined(separator: ", ") + ")"
        }
        return output
    }

    private static func formatArgument(_ value: TemplateValue, verb: Character, flags: Flags) -> String {
        switch value {
        case .object(let object) where object.goBytes != nil && "sqxX".contains(verb):
            return formatArgument(.string(String(decoding: object.goBytes ?? [], as: UTF8.self)), verb: verb, flags: flags)
        case .object(let object) where object.goString != nil && ("vsq".contains(verb) || object.goInteger != nil && "xX".contains(verb)):
            // A Go value with a `String` method: `%v` and `%s` print it, `%q` quotes it; an
            // integer one's `%x` writes its text's bytes in hexadecimal.
            return formatArgument(.string(object.goString ?? ""), verb: verb, flags: flags)
        case .object(let object) where object.goInteger != nil && verb != "T":
            return formatArgument(.int(object.goInteger ?? 0), verb: verb, flags: flags)
        case .object(let object) where object.goStructFields != nil && verb != "T":
            let fields = object.goStructValues(object.goStructFields ?? []).map { formatArgument($0, verb: verb, flags: flags) }
            return "{" + fields.joined(separator: " ") + "}"
        case .array(let elements) where verb != "T":
            return "[" + elements.map { formatArgument($0, verb: verb, flags: flags) }.joined(separator: " ") + "]"
        case .object(let object) where verb != "T":
            let fields = object.sortedFields.map {
                formatArgument(.string($0.key), verb: verb, flags: flags) + ":"
                    + formatArgument(object.goValue(forKey: $0.key), verb: verb, flags: flags)
            }
            return "map[" + fields.joined(separator: " ") + "]"
        default:
            guard let text = formatScalar(value, verb: verb, flags: flags) else {
                if value == .null { return "%!\(verb)(<nil>)" }
                return "%!\(verb)(\(value.goTypeName)=\(value.goDescription))"
            }
            return text
        }
    }

    private static func formatScalar(_ value: TemplateValue, verb: Character, flags: Flags) -> String? {
        switch (value, verb) {
        case (_, "T"): return pad(value == .null ? "<nil>" : value.goTypeName, flags)
        case (.null, "v"): return pad("<nil>", flags)
        case (.bool(let bool), "v"), (.bool(let bool), "t"): return pad(bool ? "true" : "false", flags)
        case (.int(let int), _): return formatInteger(int, verb: verb, flags: flags)
        case (.double(let double), _): return formatFloat(double, verb: verb, flags: flags)
        case (.string(let string), "v"), (.string(let string), "s"):
            let truncated = flags.precision.map { String(String.UnicodeScalarView(string.unicodeScalars.prefix($0))) } ?? string
            return pad(truncated, flags)
        case (.string(let string), "q"):
            if flags.sharp, !string.contains(scalar: "`"), string.unicodeScalars.allSatisfy({ $0 == "\t" || GoQuote.isPrintable($0) }) {
                return pad("`" + string + "`", flags)
            }
            return pad(GoQuote.quote(string), flags)
        case (.string(let string), "x"), (.string(let string), "X"):
            let hex = string.utf8.map { $0.hexDigits(width: 2) }.joined()
            return pad(verb == "X" ? hex.uppercased() : hex, flags)
        default: return nil
        }
    }

    private static func formatInteger(_ value: Int64, verb: Character, flags: Flags) -> String? {
        let magnitude = value.magnitude
        var digits: String
        switch verb {
        case "d", "v": digits = String(magnitude)
        case "b": digits = String(magnitude, radix: 2)
        case "o", "O": digits = String(magnitude, radix: 8)
        case "x": digits = String(magnitude, radix: 16)
        case "X": digits = String(magnitude, radix: 16).uppercased()
        case "c": return pad(Unicode.Scalar(UInt32(truncatingIfNeeded: value)).map { String(Character($0)) } ?? "\u{FFFD}", flags)
        case "q":
            let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: value)) ?? "\u{FFFD}"
            let quoted = GoQuote.quote(String(scalar)).dropFirst().dropLast().replacing("\\\"", with: "\"")
            return pad("'" + (scalar == "'" ? "\\'" : quoted) + "'", flags)
        case "U": return pad("U+" + UInt32(truncatingIfNeeded: value).hexDigits(width: 4).uppercased(), flags)
        default: return nil
        }
        if let precision = flags.precision, digits.count < precision {
            digits = String(repeating: "0", count: precision - digits.count) + digits
        }
        if flags.sharp {
            switch verb {
            case "x": digits = "0x" + digits
            case "X": digits = "0X" + digits
            case "o" where !digits.hasBytePrefix("0"): digits = "0" + digits
            case "b": digits = "0b" + digits
            default: break
            }
        }
        if verb == "O" { digits = "0o" + digits }
        return padNumber(sign: value < 0 ? "-" : flags.plus ? "+" : flags.space ? " " : "", digits, flags)
    }

    private static func formatFloat(_ value: Double, verb: Character, flags: Flags) -> String? {
        var text: String
        switch verb {
        case "v", "g": text = GoFloat.g(value, precision: flags.precision)
        case "G": text = GoFloat.g(value, precision: flags.precision).uppercased()
        case "e": text = GoFloat.e(value, precision: flags.precision)
        case "E": text = GoFloat.e(value, precision: flags.precision).uppercased()
        case "f", "F": text = GoFloat.f(value, precision: flags.precision)
        default: return nil
        }
        var sign = ""
        if text.hasBytePrefix("-") || text.hasBytePrefix("+") {
            sign = String(text.removeFirst())
        } else if flags.plus {
            sign = "+"
        } else if flags.space {
            sign = " "
        }
        if !value.isFinite { return pad(sign + text, flags) }
        return padNumber(sign: sign, text, flags)
    }

    /// Pads to the width with spaces, or with zeros between sign and digits for the `0` flag.
    private static func padNumber(sign: String, _ digits: String, _ flags: Flags) -> String {
        guard flags.zero, !flags.minus, let width = flags.width else { return pad(sign + digits, flags) }
        let zeros = max(width - sign.count - digits.count, 0)
        return sign + String(repeating: "0", count: zeros) + digits
    }

    private static func pad(_ text: String, _ flags: Flags) -> String {
        guard let width = flags.width else { return text }
        let fill = String(repeating: " ", count: max(width - text.unicodeScalars.count, 0))
        return flags.minus ? text + fill : fill + text
    }
}
