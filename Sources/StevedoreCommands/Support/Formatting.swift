import Stevedore
import StevedoreFormatting
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
/// `time.Time.String()`: `2006-01-02 15:04:05.999999999 -0700 MST`, in the offset the time came
/// with (``goTime(_:)``). Nil for a text that is not such a time.
func goTimeString(_ rfc3339: String) -> String? {
    goTime(rfc3339)?.string
}

/// The `time.Time` Go's `time.Parse` makes of a daemon's time (RFC 3339): in UTC for `Z`, in
/// the local zone where that has the time's offset at that instant, else in a zone of that
/// offset with no name (which prints `+0200 +0200`). Nil for a text that is not such a time.
func goTime(_ rfc3339: String) -> GoTime? {
    guard let written = WrittenTime(rfc3339: rfc3339), let instant = DockerTimestamp(rfc3339) else { return nil }
    let (seconds, nanoseconds) = (instant.secondsSince1970, Int64(instant.nanoseconds))
    guard let utcOffset = written.utcOffset else { return GoTime(secondsSince1970: seconds, nanoseconds: nanoseconds) }
    return GoTime(secondsSince1970: seconds, nanoseconds: nanoseconds, utcOffset: utcOffset)
}

/// A daemon's build time (RFC 3339 with nanoseconds) as docker's `version` prints it, Go's
/// `time.ANSIC` in the time's own offset: `Tue Sep 15 11:02:57 2026`. A text that is not such
/// a time (daemons send Go's own layout), or not a real date (`02-30`), is printed as it came,
/// as docker prints one Go's `time.Parse` refuses.
func goANSICTime(_ rfc3339: String) -> String {
    goTime(rfc3339)?.format("Mon Jan _2 15:04:05 2006") ?? rfc3339
}

/// Go's `net.JoinHostPort`, how docker prints an address with its port: `127.0.0.1:8080`,
/// an IPv6 address in brackets, `[::]:8080`.
func joinHostPort(_ host: String, _ port: String) -> String {
    (host.contains(scalar: ":") ? "[\(host)]" : host) + ":" + port
}
