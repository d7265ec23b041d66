import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Go's `strconv.FormatFloat` for the formats the docker CLI's output uses.
///
/// A finite value is first turned into decimal digits, either the shortest ones that round-trip
/// (Swift's `description` computes the same digits as Go's shortest mode) or rounded to a
/// number of significant digits (C's `%.*e`, exactly rounded like Go), then laid out the way
/// Go's `fmtE`, `fmtF` and `%g` do.
package enum GoFloat {
    /// `strconv.FormatFloat(value, 'g', precision ?? -1, 64)`: `%v` when `precision` is nil.
    static func g(_ value: Double, precision: Int? = nil) -> String {
        if let special = nonFinite(value) { return special }
        let shortest = precision == nil
        var prec = max(precision ?? 0, 1)
        let digits = shortest ? Digits(shortest: value) : Digits(value, significantDigits: prec)
        if shortest { prec = digits.count }
        var exponentThreshold = prec
        if exponentThreshold > digits.count && digits.count >= digits.decimalPoint { exponentThreshold = digits.count }
        if shortest { exponentThreshold = 6 }
        let exponent = digits.decimalPoint - 1
        if exponent < -4 || exponent >= exponentThreshold {
            return sign(value) + digits.exponential(fractionDigits: min(prec, digits.count) - 1)
        }
        if prec > digits.decimalPoint { prec = digits.count }
        return sign(value) + digits.fixed(fractionDigits: max(prec - digits.decimalPoint, 0))
    }

    /// `%e` with `precision` digits after the point (6 when nil), two-digit exponent at least.
    static func e(_ value: Double, precision: Int?) -> String {
        if let special = nonFinite(value) { return special }
        let fractionDigits = precision ?? 6
        return sign(value) + Digits(value, significantDigits: fractionDigits + 1).exponential(fractionDigits: fractionDigits)
    }

    /// `%f` with `precision` digits after the point (6 when nil).
    package static func f(_ value: Double, precision: Int?) -> String {
        if let special = nonFinite(value) { return special }
        return printf("f", precision: precision ?? 6, value)
    }

    /// How Go's `encoding/json` writes a float64: fixed notation unless the magnitude is below
    /// 1e-6 or at least 1e21, shortest digits, and `e-07` shortened to `e-7`.
    static func json(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let magnitude = abs(value)
        let digits = Digits(shortest: value)
        if magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21) {
            var text = sign(value) + digits.exponential(fractionDigits: digits.count - 1)
            if let range = text.firstRange(of: "e-0") { text.replaceSubrange(range, with: "e-") }
            return text
        }
        return sign(value) + digits.fixed(fractionDigits: max(digits.count - digits.decimalPoint, 0))
    }

    private static func sign(_ value: Double) -> String { value.sign == .minus ? "-" : "" }

    /// C's `%.*f` or `%.*e` (`conversion`) of `value`: exactly rounded, as Go rounds.
    private static func printf(_ conversion: String, precision: Int, _ value: Double) -> String {
        let format = "%.*" + conversion
        let precision = Int32(clamping: precision)
        let count = withVaList([precision, value]) { vsnprintf(nil, 0, format, $0) }
        guard count > 0 else { return "" }
        return String(unsafeUninitializedCapacity: Int(count) + 1) { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                _ = withVaList([precision, value]) { vsnprintf(characters.baseAddress, characters.count, format, $0) }
            }
            return Int(count)
        }
    }

    private static func nonFinite(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        return nil
    }

    /// The decimal digits of a magnitude: value = 0.d₁d₂…dₙ × 10^decimalPoint, no trailing zeros.
    struct Digits {
        var digits: [Character]
        var decimalPoint: Int
        var count: Int { digits.count }

        /// The shortest digits that read back as `value`.
        init(shortest value: Double) {
            let text = "\(abs(value))"
            let parts = text.split(scalar: "e", maxSplits: 1)
            let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            let mantissa = parts[0].split(scalar: ".", omittingEmptySubsequences: false)
            let integerPart = mantissa[0]
            let fractionPart = mantissa.count > 1 ? mantissa[1] : ""
            self.init(digits: Array(integerPart + fractionPart), decimalPoint: integerPart.count + exponent)
        }

        /// `value` correctly rounded to `significantDigits` digits.
        init(_ value: Double, significantDigits: Int) {
            // Zero has no digits, as `%e`'s zeros trimmed below leave it. Without C's `printf`
            // the zero sizes of a `ps` row cost no `withVaList`, whose first use in a process
            // casts its arguments to six runtime protocols (six walks over every conformance).
            guard value != 0 else {
                self.init(digits: [], decimalPoint: 0)
                return
            }
            let text = GoFloat.printf("e", precision: max(significantDigits - 1, 0), abs(value))
            let parts = text.split(scalar: "e", maxSplits: 1)
            let exponent = Int(parts[1]) ?? 0
            self.init(digits: Array(parts[0].filter { $0 != "." }), decimalPoint: exponent + 1)
        }

        private init(digits: [Character], decimalPoint: Int) {
            var digits = digits
            var decimalPoint = decimalPoint
            while digits.first == "0" {
                digits.removeFirst()
                decimalPoint -= 1
            }
            while digits.last == "0" { digits.removeLast() }
            if digits.isEmpty { decimalPoint = 0 }
            self.digits = digits
            self.decimalPoint = decimalPoint
        }

        /// Go's `fmtE`: d.ddd followed by e±XX.
        func exponential(fractionDigits: Int) -> String {
            var text = String(digits.first ?? "0")
            if fractionDigits > 0 {
                text += "."
                for position in 1...fractionDigits { text.append(position < count ? digits[position] : "0") }
            }
            let exponent = digits.isEmpty ? 0 : decimalPoint - 1
            let magnitude = String(abs(exponent))
            text += (exponent < 0 ? "e-" : "e+") + (magnitude.count < 2 ? "0" : "") + magnitude
            return text
        }

        /// Go's `fmtF`: the integer part, then `fractionDigits` digits after the point.
        func fixed(fractionDigits: Int) -> String {
            var text = ""
            if decimalPoint > 0 {
                for position in 0..<decimalPoint { text.append(position < count ? digits[position] : "0") }
            } else {
                text = "0"
            }
            if fractionDigits > 0 {
                text += "."
                for offset in 1...fractionDigits {
                    let position = decimalPoint + offset - 1
                    text.append(position >= 0 && position < count ? digits[position] : "0")
                }
            }
            return text
        }
    }
}
