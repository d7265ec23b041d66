/// Durations written as Go's `time.ParseDuration` reads them, the syntax docker's flags and
/// filters take: a sequence of decimal numbers, each with an optional fraction and a unit
/// (`ns`, `us`/`µs`, `ms`, `s`, `m`, `h`), with an optional leading sign: `90s`, `1m30s`,
/// `1.5h`, `300ms`, `-2s`. A lone `0` is zero; any other number needs a unit.
public enum GoDuration {
    /// The duration of `text` in nanoseconds, or `nil` when it is not a Go duration (or does
    /// not fit 64 bits of nanoseconds, about 292 years).
    public static func nanoseconds(_ text: String) -> Int64? {
        var rest = Substring(text)
        var sign = 1.0
        if let first = rest.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix(while: { $0.isASCII && ($0.isNumber || $0 == ".") })
            guard !number.isEmpty, number != ".", let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let (unit, factor) = Self.units.first(where: { rest.hasPrefix($0.0) && !($0.0 == "m" && rest.hasPrefix("ms")) }) else {
                return nil
            }
            rest = rest.dropFirst(unit.count)
            total += value * factor
        }
        guard total <= Double(Int64.max) else { return nil }
        return Int64((sign * total).rounded())
    }

    /// The duration of `text` in seconds, or `nil` when it is not a Go duration.
    public static func seconds(_ text: String) -> Double? {
        Self.nanoseconds(text).map { Double($0) / 1e9 }
    }

    /// Units and their length in nanoseconds; `ms` is told apart from `m` by the caller.
    private static let units: [(String, Double)] = [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
    ]
}
