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

/// The time values `docker events` and `docker logs` take for `--since` and `--until`, turned
/// into what the daemon parses, as docker's `GetTimestamp` turns them.
public enum EventTime {
    /// Parses, as docker does:
    /// - a Go duration counted back from `now` (`10m`, `1h30m`; a negative one counts forward),
    ///   sent as whole seconds;
    /// - an RFC 3339 time, whole (`2024-01-02T03:04:05Z`, `…05.25+01:00`) or cut after the
    ///   hour or the minute (`2024-01-02T03Z`, `2024-01-02T03:04+01:00`), or a date
    ///   (`2024-01-02`, `2024-01-02Z`); without `Z` or an offset, in the local time zone
    ///   (its offset at `now`, as docker takes it);
    /// - a Unix timestamp (`1700000000`, `1700000000.5`), sent as given.
    ///
    /// Anything else throws ``DockerError/Category/invalidInput``.
    public static func parse(_ value: String, now: Date = Date()) throws -> String {
        try Self.parse(value, now: now, localOffset: Self.localOffset(at: now))
    }

    /// ``parse(_:now:)`` with the local time zone's offset from UTC given, in seconds.
    static func parse(_ value: String, now: Date, localOffset: Int) throws -> String {
        if value != "0", let nanoseconds = GoDuration.nanoseconds(value) {
            // Go's `reference.Add(-d).Unix()`: whole seconds, rounded down.
            let seconds = (now.timeIntervalSince1970 - Double(nanoseconds) / 1e9).rounded(.down)
            guard seconds.magnitude < 0x1p63 else { throw Self.invalid(value) }
            return String(Int64(seconds))
        }
        let bytes = Array(value.utf8)
        let inLocalZone =
            !bytes.contains { $0 == UInt8(ascii: "z") || $0 == UInt8(ascii: "Z") || $0 == UInt8(ascii: "+") }
            && bytes.count(where: { $0 == UInt8(ascii: "-") }) != 3
        if let instant = Layout(for: bytes, inLocalZone: inLocalZone).parse(bytes, localOffset: localOffset) {
            return SystemEventsOptions.timestamp(seconds: instant.seconds, nanoseconds: Int64(instant.nanoseconds))
        }
        // Not a time: a Unix timestamp passes as it is, as docker passes it.
        guard !bytes.contains(UInt8(ascii: "-")), Self.isUnixTimestamp(bytes) else { throw Self.invalid(value) }
        return value
    }

    private static func invalid(_ value: String) -> DockerError {
        DockerError.invalidInput(
            "invalid time \"\(value)\": use a duration (10m), an RFC 3339 time or date, or a Unix timestamp")
    }

    /// Whether Go's `strconv.ParseInt` takes the seconds and, after a `.`, the fraction (the
    /// daemon's `ParseTimestamps`).
    private static func isUnixTimestamp(_ bytes: [UInt8]) -> Bool {
        bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false).allSatisfy { part in
            Int64(String(decoding: part, as: UTF8.self)) != nil
        }
    }

    /// The local time zone's offset from UTC at `date`, in seconds (`localtime_r`, which reads
    /// `TZ` and `/etc/localtime` as Go's `time.Local` does).
    static func localOffset(at date: Date) -> Int {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var fields = tm()
        guard localtime_r(&seconds, &fields) != nil else { return 0 }
        return Int(fields.tm_gmtoff)
    }

    /// The layout docker picks for a value (`GetTimestamp`): how much of the time of day it
    /// holds, and whether it ends with a zone.
    private struct Layout {
        /// 0: a date alone; 1: the hour; 2: hour and minute; 3: hour, minute and second (with
        /// any fraction, as Go's parser takes one after the seconds whatever the layout).
        var timeFields: Int
        /// Whether the value ends with `Z` or `±hh:mm`; otherwise it is in the local zone.
        var zoned: Bool

        init(for bytes: [UInt8], inLocalZone: Bool) {
            self.zoned = !inLocalZone
            if bytes.contains(UInt8(ascii: ".")) {
                self.timeFields = 3
            } else if bytes.contains(UInt8(ascii: "T")) {
                var colons = bytes.count(where: { $0 == UInt8(ascii: ":") })
                // An offset's colon is not the time's.
                if !inLocalZone, !bytes.contains(UInt8(ascii: "z")), !bytes.contains(UInt8(ascii: "Z")), colons > 0 { colons -= 1 }
                self.timeFields = min(colons + 1, 3)
            } else {
                self.timeFields = 0
            }
        }

        /// The instant `bytes` names in this layout, as Go's `time.Parse` reads it (fields in
        /// range, nothing left over); nil when it does not.
        func parse(_ bytes: [UInt8], localOffset: Int) -> (seconds: Int64, nanoseconds: Int)? {
            var reader = Reader(bytes: bytes[...])
            guard let year = reader.number(digits: 4...4), reader.skip("-"), let month = reader.number(digits: 2...2), reader.skip("-"),
                let day = reader.number(digits: 2...2), (1...12).contains(month),
                (1...DockerTimestamp.daysIn(month: Int64(month), year: Int64(year))).contains(Int64(day))
            else { return nil }
            var (hour, minute, second, nanoseconds) = (0, 0, 0, 0)
            if self.timeFields >= 1 {
                // Go's `15` takes one or two digits, its `04` and `05` two.
                guard reader.skip("T"), let value = reader.number(digits: 1...2), value < 24 else { return nil }
                hour = value
            }
            if self.timeFields >= 2 {
                guard reader.skip(":"), let value = reader.number(digits: 2...2), value < 60 else { return nil }
                minute = value
            }
            if self.timeFields >= 3 {
                guard reader.skip(":"), let value = reader.number(digits: 2...2), value < 60 else { return nil }
                second = value
                if reader.skip(".") || reader.skip(",") {
                    guard let fraction = reader.fraction() else { return nil }
                    nanoseconds = fraction
                }
            }
            var offset = localOffset
            if self.zoned {
                if reader.skip("Z") {
                    offset = 0
                } else {
                    guard let sign = reader.sign(), let hours = reader.number(digits: 2...2), reader.skip(":"),
                        let minutes = reader.number(digits: 2...2), hours <= 24, minutes <= 60
                    else { return nil }
                    offset = sign * (hours * 3600 + minutes * 60)
                }
            }
            guard reader.isAtEnd else { return nil }
            let days = DockerTimestamp.daysSince1970(year: Int64(year), month: Int64(month), day: Int64(day))
            return (days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset), nanoseconds)
        }
    }

    /// Reads a time's fields off its bytes.
    private struct Reader {
        var bytes: ArraySlice<UInt8>

        var isAtEnd: Bool { self.bytes.isEmpty }

        mutating func skip(_ scalar: Unicode.Scalar) -> Bool {
            guard self.bytes.first == UInt8(ascii: scalar) else { return false }
            self.bytes.removeFirst()
            return true
        }

        /// A decimal number of a count of digits in `digits`.
        mutating func number(digits: ClosedRange<Int>) -> Int? {
            let run = self.bytes.prefix(while: Self.isDigit).prefix(digits.upperBound)
            guard digits.contains(run.count) else { return nil }
            self.bytes.removeFirst(run.count)
            return run.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }

        /// The digits of a fraction of a second, as nanoseconds (Go keeps nine digits).
        mutating func fraction() -> Int? {
            let run = self.bytes.prefix(while: Self.isDigit)
            guard !run.isEmpty else { return nil }
            self.bytes.removeFirst(run.count)
            let kept = run.prefix(9)
            var value = kept.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            for _ in kept.count..<9 { value *= 10 }
            return value
        }

        /// `+` as 1, `-` as -1.
        mutating func sign() -> Int? {
            if self.skip("+") { return 1 }
            return self.skip("-") ? -1 : nil
        }

        private static func isDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }
}
