import Foundation
import Stevedore

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

/// Go's `time.Time.String()` of a UTC instant with its nanoseconds (trailing zeros dropped):
/// `2006-01-02 15:04:05.999999999 +0000 UTC`.
func goTimeString(_ timestamp: DockerTimestamp) -> String {
    let seconds = ContainerRow.goTime(Date(timeIntervalSince1970: TimeInterval(timestamp.secondsSince1970)))
    guard timestamp.nanoseconds != 0, let space = seconds.firstIndex(of: " "),
        let zone = seconds[seconds.index(after: space)...].firstIndex(of: " ")
    else { return seconds }
    var fraction = String(format: "%09d", Int(timestamp.nanoseconds))
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return String(seconds[..<zone]) + "." + fraction + String(seconds[zone...])
}

/// A daemon's build time (RFC 3339 with nanoseconds) as docker's `version` prints it, Go's
/// `time.ANSIC` in the time's own offset: `Tue Sep 15 11:02:57 2026`. Anything else is
/// printed as it came, as docker does.
func goANSICTime(_ rfc3339: String) -> String {
    let pattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/
    guard let match = rfc3339.wholeMatch(of: pattern),
        let year = Int(match.1), let month = Int(match.2), let day = Int(match.3),
        let hour = Int(match.4), let minute = Int(match.5), let second = Int(match.6)
    else { return rfc3339 }
    var offset = 0
    if match.7 != "Z", let hours = Int(match.7.dropFirst().prefix(2)), let minutes = Int(match.7.suffix(2)) {
        offset = (hours * 3600 + minutes * 60) * (match.7.first == "-" ? -1 : 1)
    }
    guard let zone = TimeZone(secondsFromGMT: offset) else { return rfc3339 }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    guard
        let date = calendar.date(
            from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
    else { return rfc3339 }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = zone
    // Go's `_2`: the day padded with a space.
    formatter.dateFormat = "EEE MMM " + (day < 10 ? " " : "") + "d HH:mm:ss yyyy"
    return formatter.string(from: date)
}

/// Go's `net.JoinHostPort`, how docker prints an address with its port: `127.0.0.1:8080`,
/// an IPv6 address in brackets, `[::]:8080`.
func joinHostPort(_ host: String, _ port: String) -> String {
    (host.contains(":") ? "[\(host)]" : host) + ":" + port
}
