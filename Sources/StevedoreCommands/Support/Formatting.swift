import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Go's `sortorder.NaturalLess`, how docker orders the rows of its lists by name: runs of
/// digits compare as numbers (`net2` before `net10`; leading zeros skipped, then fewer of them
/// first), a digit before any other character, everything else byte by byte, a prefix before
/// the longer name.
func naturalLess(_ lhs: String, _ rhs: String) -> Bool {
    var left = Array(lhs.utf8)[...]
    var right = Array(rhs.utf8)[...]
    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    while let a = left.first, let b = right.first {
        switch (isDigit(a), isDigit(b)) {
        case (true, false): return true
        case (false, true): return false
        case (false, false):
            if a != b { return a < b }
            left = left.dropFirst()
            right = right.dropFirst()
        case (true, true):
            let leftDigits = left.prefix(while: isDigit)
            let rightDigits = right.prefix(while: isDigit)
            left = left.dropFirst(leftDigits.count)
            right = right.dropFirst(rightDigits.count)
            let leftValue = leftDigits.drop { $0 == UInt8(ascii: "0") }
            let rightValue = rightDigits.drop { $0 == UInt8(ascii: "0") }
            if leftValue.count != rightValue.count { return leftValue.count < rightValue.count }
            if !leftValue.elementsEqual(rightValue) { return leftValue.lexicographicallyPrecedes(rightValue) }
            if leftDigits.count != rightDigits.count { return leftDigits.count < rightDigits.count }
        }
    }
    return left.isEmpty && !right.isEmpty
}

/// docker's label column: `key=value` pairs joined by commas (sorted here; Go's map order is
/// random).
func joinedLabels(_ labels: [String: String]?) -> String {
    (labels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
}

/// A daemon's time (RFC 3339) as docker prints the `time.Time` it parsed, with Go's
/// `time.Time.String()`: `2006-01-02 15:04:05.999999999 -0700 MST`, the fields as written (the
/// fraction's trailing zeros dropped), in the offset the time came with. Go names that offset
/// `UTC` for `Z`, the local zone's abbreviation when the local zone has that offset at that
/// instant, else repeats it (`+0200 +0200`). Nil for a text that is not such a time.
func goTimeString(_ rfc3339: String) -> String? {
    guard let time = WrittenTime(rfc3339: rfc3339) else { return nil }
    let zone: String
    if let utcOffset = time.utcOffset {
        let numeric = LocalTime.numericOffset(utcOffset)
        // The local zone at that instant, which only an offset asks for.
        let local = DockerTimestamp(rfc3339).flatMap { LocalTime(secondsSince1970: $0.secondsSince1970) }
        zone = numeric + " " + (local?.utcOffset == utcOffset ? local?.zoneAbbreviation ?? numeric : numeric)
    } else {
        zone = "+0000 UTC"
    }
    return time.date + " " + time.clock + LocalTime.goFraction(time.fraction) + " " + zone
}

/// Go's `time.Duration.String` of `nanoseconds`: `1h2m3.5s`, `1.5ms`, `0s`.
func goDurationString(_ nanoseconds: Int64) -> String {
    var remaining = nanoseconds.magnitude
    guard remaining > 0 else { return "0s" }
    /// The last `digits` digits of `remaining` as a fraction without trailing zeros (none
    /// when they are all zero); `remaining` keeps the digits before them.
    func fraction(_ digits: Int) -> String {
        var text = ""
        for _ in 0..<digits {
            let digit = remaining % 10
            remaining /= 10
            if !text.isEmpty || digit != 0 { text = String(digit) + text }
        }
        return text.isEmpty ? "" : "." + text
    }
    var text: String
    if remaining < 1_000_000_000 {
        // Below a second: the largest unit that keeps a whole part.
        let (unit, digits) = remaining < 1_000 ? ("ns", 0) : remaining < 1_000_000 ? ("µs", 3) : ("ms", 6)
        let decimals = fraction(digits)
        text = "\(remaining)\(decimals)\(unit)"
    } else {
        let decimals = fraction(9)
        text = "\(remaining % 60)\(decimals)s"
        let minutes = remaining / 60
        if minutes > 0 {
            text = "\(minutes % 60)m" + text
            if minutes / 60 > 0 { text = "\(minutes / 60)h" + text }
        }
    }
    return (nanoseconds < 0 ? "-" : "") + text
}

/// A daemon's build time (RFC 3339 with nanoseconds) as docker's `version` prints it, Go's
/// `time.ANSIC` in the time's own offset: `Tue Sep 15 11:02:57 2026`. A text that is not such
/// a time (daemons send Go's own layout), or not a real date (`02-30`), is printed as it came,
/// as docker prints one Go's `time.Parse` refuses.
func goANSICTime(_ rfc3339: String) -> String {
    guard let time = WrittenTime(rfc3339: rfc3339) else { return rfc3339 }
    let monthName = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][time.month - 1]
    // Go's `_2`: the day padded with a space; the clock and the year as they were written.
    return "\(time.weekday) \(monthName) \(time.day < 10 ? " " : "")\(time.day) \(time.clock) \(time.date.prefix(4))"
}

/// Go's `net.JoinHostPort`, how docker prints an address with its port: `127.0.0.1:8080`,
/// an IPv6 address in brackets, `[::]:8080`.
func joinHostPort(_ host: String, _ port: String) -> String {
    (host.contains(scalar: ":") ? "[\(host)]" : host) + ":" + port
}
