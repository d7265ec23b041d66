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
        do {
            return try Self.timestamp(value, now: now, localOffset: localOffset)
        } catch {
            throw DockerError.invalidInput(
                "invalid time \"\(value)\": use a duration (10m), an RFC 3339 time or date, or a Unix timestamp")
        }
    }

    /// Why docker's `GetTimestamp` refuses a value, in its words: Go's `time.Parse` error for
    /// a value with a `-` (`parsing time "2024-13-01": month out of range`), `failed to parse
    /// value as time or duration: "…"` for any other.
    package struct Refusal: Error {
        package let goMessage: String
    }

    /// ``parse(_:now:)``, refusing a value as docker does (``Refusal``).
    package static func timestamp(_ value: String, now: Date, localOffset: Int) throws(Refusal) -> String {
        let notATime = Refusal(goMessage: "failed to parse value as time or duration: \(GoQuote.quote(value))")
        if value != "0", let nanoseconds = GoDuration.nanoseconds(value) {
            // Go's `reference.Add(-d).Unix()`: whole seconds, rounded down.
            let seconds = (now.timeIntervalSince1970 - Double(nanoseconds) / 1e9).rounded(.down)
            guard seconds.magnitude < 0x1p63 else { throw notATime }
            return String(Int64(seconds))
        }
        let bytes = Array(value.utf8)
        let inLocalZone =
            !bytes.contains { $0 == UInt8(ascii: "z") || $0 == UInt8(ascii: "Z") || $0 == UInt8(ascii: "+") }
            && bytes.count(where: { $0 == UInt8(ascii: "-") }) != 3
        do {
            let instant = try GoTimeLayout(for: bytes, zoned: !inLocalZone).parse(bytes, localOffset: localOffset)
            return SystemEventsOptions.timestamp(seconds: instant.seconds, nanoseconds: Int64(instant.nanoseconds))
        } catch {
            // What looks like a date fails as one; a Unix timestamp passes as it is, as docker passes it.
            if bytes.contains(UInt8(ascii: "-")) { throw Refusal(goMessage: error.message) }
            guard Self.isUnixTimestamp(bytes) else { throw notATime }
            return value
        }
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
    package static func localOffset(at date: Date) -> Int {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var fields = tm()
        guard localtime_r(&seconds, &fields) != nil else { return 0 }
        return Int(fields.tm_gmtoff)
    }
}
