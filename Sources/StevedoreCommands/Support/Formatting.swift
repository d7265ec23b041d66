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

/// Go's `time.Time.String()` of a UTC instant with its nanoseconds (trailing zeros dropped):
/// `2006-01-02 15:04:05.999999999 +0000 UTC`.
func goTimeString(_ timestamp: DockerTimestamp) -> String {
    // A timestamp's year has four digits, which the C library always places.
    guard let local = LocalTime(secondsSince1970: timestamp.secondsSince1970) else {
        return ContainerRow.goTime(Date(timeIntervalSince1970: TimeInterval(timestamp.secondsSince1970)))
    }
    return local.goString(nanoseconds: Int(timestamp.nanoseconds))
}

/// A daemon's build time (RFC 3339 with nanoseconds) as docker's `version` prints it, Go's
/// `time.ANSIC` in the time's own offset: `Tue Sep 15 11:02:57 2026`. A text that is not such
/// a time (daemons send Go's own layout), or not a real date (`02-30`), is printed as it came,
/// as docker prints one Go's `time.Parse` refuses. In its own offset the fields print as they
/// were written: only the weekday is computed, with no calendar library.
///
/// The text is read byte by byte: a `Regex` built at run time took 8% of `stevedore version`'s
/// instructions.
func goANSICTime(_ rfc3339: String) -> String {
    let text = Array(rfc3339.utf8)
    /// The `count` ASCII digits at `offset` as a number; nil if they are not all there.
    func digits(_ offset: Int, _ count: Int) -> Int? {
        guard offset + count <= text.count else { return nil }
        var value = 0
        for byte in text[offset..<offset + count] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
    func byte(_ offset: Int, is expected: Unicode.Scalar) -> Bool {
        offset < text.count && text[offset] == UInt8(ascii: expected)
    }
    // YYYY-MM-DDTHH:MM:SS, optionally a fraction of one digit or more, then Z or an offset ±HH:MM.
    guard let year = digits(0, 4), byte(4, is: "-"), let month = digits(5, 2), byte(7, is: "-"), let day = digits(8, 2),
        byte(10, is: "T"), let hour = digits(11, 2), byte(13, is: ":"), let minute = digits(14, 2), byte(16, is: ":"),
        let second = digits(17, 2),
        (1...12).contains(month), hour < 24, minute < 60, second < 60
    else { return rfc3339 }
    var offset = 19
    if byte(offset, is: ".") {
        offset += 1
        let fractionStart = offset
        while digits(offset, 1) != nil { offset += 1 }
        guard offset > fractionStart else { return rfc3339 }
    }
    if byte(offset, is: "Z") {
        offset += 1
    } else {
        guard byte(offset, is: "+") || byte(offset, is: "-"), let offsetHours = digits(offset + 1, 2), byte(offset + 3, is: ":"),
            let offsetMinutes = digits(offset + 4, 2), offsetHours < 24, offsetMinutes < 60
        else { return rfc3339 }
        offset += 6
    }
    guard offset == text.count else { return rfc3339 }
    let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let monthDays = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    guard (1...monthDays).contains(day) else { return rfc3339 }
    // Days since 1970-01-01 (a Thursday) by Howard Hinnant's `days_from_civil`.
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400  // floored
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let days = era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
    let monthName = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]
    // Go's `_2`: the day padded with a space; the clock and the year as they were written.
    let clock = String(decoding: text[11..<19], as: UTF8.self)
    return "\(weekday) \(monthName) \(day < 10 ? " " : "")\(day) \(clock) \(String(decoding: text[0..<4], as: UTF8.self))"
}

/// Go's `net.JoinHostPort`, how docker prints an address with its port: `127.0.0.1:8080`,
/// an IPv6 address in brackets, `[::]:8080`.
func joinHostPort(_ host: String, _ port: String) -> String {
    (host.contains(scalar: ":") ? "[\(host)]" : host) + ":" + port
}
