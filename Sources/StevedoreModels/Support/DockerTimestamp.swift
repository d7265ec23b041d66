#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A point in time as the Docker Engine API writes it, parsed from the string the models keep.
///
/// The daemon writes Go's RFC 3339 form with up to nine fractional digits
/// (`2016-10-19T04:33:30.360899459Z`, sometimes with an offset such as `+02:00`), and Go's zero
/// time `0001-01-01T00:00:00Z` for "never" (`State.FinishedAt` of a container that never
/// stopped). Models keep these fields as `String` so that nothing is lost in decoding; this type
/// turns them into instants with the nanoseconds intact.
///
/// ```swift
/// let started = DockerTimestamp.date(from: inspect.state?.startedAt)  // nil when never started
/// ```
public struct DockerTimestamp: Hashable, Comparable, Sendable {
    /// Whole seconds since 1970-01-01T00:00:00Z (negative before).
    public var secondsSince1970: Int64
    /// Nanoseconds after `secondsSince1970`, in `0..<1_000_000_000`.
    public var nanoseconds: Int32

    /// `nanoseconds` outside `0..<1_000_000_000` carry into the seconds.
    public init(secondsSince1970: Int64, nanoseconds: Int32 = 0) {
        let carry = Int64(nanoseconds) >= 0 ? Int64(nanoseconds) / 1_000_000_000 : (Int64(nanoseconds) - 999_999_999) / 1_000_000_000
        self.secondsSince1970 = secondsSince1970 + carry
        self.nanoseconds = Int32(Int64(nanoseconds) - carry * 1_000_000_000)
    }

    /// Go's zero time, `0001-01-01T00:00:00Z`: the daemon's "not set".
    public static let zero = DockerTimestamp(secondsSince1970: -62_135_596_800)

    /// Whether this is Go's zero time, the daemon's "not set".
    public var isZero: Bool { self == Self.zero }

    /// The instant as a `Date` (which keeps about a tenth of a microsecond of precision).
    public var date: Date {
        Date(timeIntervalSince1970: Double(secondsSince1970) + Double(nanoseconds) / 1_000_000_000)
    }

    /// The instant of an API timestamp string, or nil when `text` is nil, is not an RFC 3339
    /// date-time, or is Go's zero time.
    public static func date(from text: String?) -> Date? {
        guard let text, let timestamp = DockerTimestamp(text), !timestamp.isZero else { return nil }
        return timestamp.date
    }

    /// Parses an RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, any number of
    /// fractional digits (those past the ninth are dropped). Nil when malformed or out of range.
    public init?(_ text: String) {
        var reader = ByteReader(Array(text.utf8))
        guard let year = reader.digits(4), reader.skip("-"),
            let month = reader.digits(2), reader.skip("-"),
            let day = reader.digits(2), reader.skip("T") || reader.skip("t") || reader.skip(" "),
            let hour = reader.digits(2), reader.skip(":"),
            let minute = reader.digits(2), reader.skip(":"),
            let second = reader.digits(2)
        else { return nil }
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }

        var nanoseconds: Int64 = 0
        if reader.skip(".") {
            var count = 0
            while let digit = reader.digit() {
                if count < 9 { nanoseconds = nanoseconds * 10 + digit }
                count += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 9) { nanoseconds *= 10 }
        }

        var offsetSeconds: Int64 = 0
        if !(reader.skip("Z") || reader.skip("z")) {
            guard let sign = reader.sign(), let offsetHours = reader.digits(2), reader.skip(":"),
                let offsetMinutes = reader.digits(2), offsetHours < 24, offsetMinutes < 60
            else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        }
        guard reader.atEnd else { return nil }

        let days = Self.daysSince1970(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        self.init(secondsSince1970: seconds, nanoseconds: Int32(nanoseconds))
    }

    public static func < (lhs: DockerTimestamp, rhs: DockerTimestamp) -> Bool {
        (lhs.secondsSince1970, lhs.nanoseconds) < (rhs.secondsSince1970, rhs.nanoseconds)
    }

    private static func isLeap(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    package static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's
    /// `days_from_civil`).
    package static func daysSince1970(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Reads ASCII digits and punctuation from the UTF-8 bytes of a timestamp.
    private struct ByteReader {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(character.value) else { return false }
            position += 1
            return true
        }

        mutating func digit() -> Int64? {
            guard position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) else {
                return nil
            }
            defer { position += 1 }
            return Int64(bytes[position] - UInt8(ascii: "0"))
        }

        mutating func digits(_ count: Int) -> Int64? {
            var value: Int64 = 0
            for _ in 0..<count {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        mutating func sign() -> Int64? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }
    }
}
