/// Durations written as Go's `time.ParseDuration` reads them, the syntax docker's flags and
/// filters take: a sequence of decimal numbers, each with an optional fraction and a unit
/// (`ns`, `us`/`µs`, `ms`, `s`, `m`, `h`), with an optional leading sign: `90s`, `1m30s`,
/// `1.5h`, `300ms`, `-2s`. A lone `0` is zero; any other number needs a unit.
public enum GoDuration {
    /// The duration of `text` in nanoseconds, or `nil` when it is not a Go duration or does
    /// not fit 64 bits of nanoseconds (about 292 years), as Go refuses it. Integer arithmetic
    /// as Go's: `9223372036854775807ns` is the largest duration, one more is refused.
    public static func nanoseconds(_ text: String) -> Int64? {
        try? Self.parse(text)
    }

    /// Why `time.ParseDuration` refuses a text, in the cases its message tells apart.
    package enum Failure: Error, Equatable {
        /// A number without a unit (`5`, `1.2.3s`).
        case missingUnit
        /// A unit Go does not know (`1x`).
        case unknownUnit(String)
        /// Anything else: no number, a stray character, more than 64 bits of nanoseconds.
        case invalid
    }

    /// The duration of `text` in nanoseconds, as ``nanoseconds(_:)``, or why Go refuses it.
    package static func parse(_ text: String) throws(Failure) -> Int64 {
        var rest = Substring(text)
        var negative = false
        if let first = rest.first, first == "-" || first == "+" {
            negative = first == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        guard !rest.isEmpty else { throw .invalid }
        let limit = UInt64(1) << 63
        var total: UInt64 = 0
        while !rest.isEmpty {
            let whole = rest.prefix(while: Self.isDigit)
            rest = rest.dropFirst(whole.count)
            var fraction = Substring()
            if rest.first == "." {
                rest = rest.dropFirst()
                fraction = rest.prefix(while: Self.isDigit)
                rest = rest.dropFirst(fraction.count)
            }
            let unitName = rest.prefix(while: { !Self.isDigit($0) && $0 != "." })
            rest = rest.dropFirst(unitName.count)
            guard !whole.isEmpty || !fraction.isEmpty else { throw .invalid }
            guard !unitName.isEmpty else { throw .missingUnit }
            guard let unit = Self.units[String(unitName)] else { throw .unknownUnit(String(unitName)) }
            var value: UInt64 = 0
            for digit in whole {
                let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
                let (next, carry) = shifted.addingReportingOverflow(UInt64(digit.wholeNumberValue ?? 0))
                guard !overflow, !carry, next <= limit else { throw .invalid }
                value = next
            }
            let (scaled, overflow) = value.multipliedReportingOverflow(by: unit)
            guard !overflow, scaled <= limit else { throw .invalid }
            value = scaled
            if !fraction.isEmpty {
                // As Go: digits past what 63 bits hold are dropped; the fraction of the unit
                // is below one unit, so adding it cannot overflow.
                var numerator: UInt64 = 0
                var scale = 1.0
                for digit in fraction where numerator <= (limit - 1) / 10 {
                    numerator = numerator * 10 + UInt64(digit.wholeNumberValue ?? 0)
                    scale *= 10
                }
                value += UInt64(Double(numerator) * (Double(unit) / scale))
                guard value <= limit else { throw .invalid }
            }
            let (sum, sumOverflow) = total.addingReportingOverflow(value)
            guard !sumOverflow, sum <= limit else { throw .invalid }
            total = sum
        }
        if negative { return total == limit ? Int64.min : -Int64(total) }
        guard total < limit else { throw .invalid }
        return Int64(total)
    }

    /// The duration of `text` in seconds, or `nil` when it is not a Go duration.
    public static func seconds(_ text: String) -> Double? {
        Self.nanoseconds(text).map { Double($0) / 1e9 }
    }

    /// Units and their length in nanoseconds.
    private static let units: [String: UInt64] = [
        "ns": 1, "us": 1_000, "µs": 1_000, "μs": 1_000, "ms": 1_000_000, "s": 1_000_000_000, "m": 60_000_000_000,
        "h": 3_600_000_000_000,
    ]

    private static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }
}
