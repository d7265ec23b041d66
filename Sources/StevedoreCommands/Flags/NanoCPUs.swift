/// A number of CPUs as docker's `opts.NanoCPUs` reads it (`ParseCPUs`, a Go `big.Rat`), for
/// `create`/`run`/`update --cpus` and `service --limit-cpu`/`--reserve-cpu`: a decimal number
/// (`1.5`, `2e-1`, `-1`) or a fraction (`3/2`), in billionths of a CPU, exactly. A value finer
/// than a billionth is refused as docker refuses it (`value is too precise`), and so is one
/// beyond `Int64` (`value out of range`), which docker would send wrapped around. The daemon
/// judges the range (a negative count, more CPUs than the host has).
enum NanoCPUs {
    static func parse(_ text: String) throws -> Int64 {
        let unparsable = InvalidFlagValue(reason: "failed to parse \(text) as a rational number")
        if let slash = text.firstIndex(of: "/") {
            guard let numerator = Int64(text[..<slash]), let denominator = Int64(text[text.index(after: slash)...]), denominator > 0
            else { throw unparsable }
            let (scaled, overflow) = numerator.multipliedReportingOverflow(by: 1_000_000_000)
            guard !overflow else { throw InvalidFlagValue(reason: "value out of range") }
            guard scaled % denominator == 0 else { throw InvalidFlagValue(reason: "value is too precise") }
            return scaled / denominator
        }
        var rest = Substring(text)
        var negative = false
        if let sign = rest.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        var exponent = 0
        if let marker = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(rest[rest.index(after: marker)...]) else { throw unparsable }
            // Beyond this, any digit but 0 is out of range or too precise either way.
            exponent = max(-100_000, min(100_000, value))
            rest = rest[..<marker]
        }
        let whole = rest.prefix { $0 != "." }
        let fraction = rest.dropFirst(whole.count).dropFirst()
        let isDigits = { (part: Substring) in part.allSatisfy { $0.isASCII && $0.isNumber } }
        guard isDigits(whole), isDigits(fraction), !(whole.isEmpty && fraction.isEmpty) else { throw unparsable }
        // The digits are the number times 10^(fraction digits); NanoCPUs are the number times 10^9.
        var digits = String((whole + fraction).drop { $0 == "0" })
        let shift = exponent - fraction.count + 9
        if shift >= 0 {
            guard digits.isEmpty || digits.count + shift <= 19 else { throw InvalidFlagValue(reason: "value out of range") }
            if !digits.isEmpty { digits += String(repeating: "0", count: shift) }
        } else {
            let dropped = digits.suffix(-shift)
            guard dropped.allSatisfy({ $0 == "0" }) else { throw InvalidFlagValue(reason: "value is too precise") }
            digits = String(digits.dropLast(-shift))
        }
        guard let magnitude = digits.isEmpty ? 0 : Int64(digits) else { throw InvalidFlagValue(reason: "value out of range") }
        return negative ? -magnitude : magnitude
    }
}
