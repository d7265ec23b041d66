#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An instant's calendar fields in the local time zone, from the C library's `localtime_r`
/// (the zone Go's `time.Local` reads too: `TZ`, else `/etc/localtime`).
///
/// Foundation's `DateFormatter` opens an ICU formatter each time one is made: made per row, it
/// was the largest cost of `ps` and `images` after process start.
package struct LocalTime {
    private var fields = tm()

    /// Nil for an instant the C library cannot place (a year beyond its `int`).
    package init?(secondsSince1970: Int64) {
        guard var seconds = time_t(exactly: secondsSince1970), localtime_r(&seconds, &self.fields) != nil else { return nil }
    }

    /// Go's `2006-01-02 15:04:05`, with `separator` between date and time (`T` for RFC 3339).
    package func dateAndTime(separator: Character = " ") -> String {
        Self.digits(Int(self.fields.tm_year) + 1900, 4) + "-" + Self.digits(Int(self.fields.tm_mon) + 1, 2) + "-"
            + Self.digits(Int(self.fields.tm_mday), 2) + String(separator) + Self.digits(Int(self.fields.tm_hour), 2) + ":"
            + Self.digits(Int(self.fields.tm_min), 2) + ":" + Self.digits(Int(self.fields.tm_sec), 2)
    }

    /// Go's `time.RFC3339`, `2006-01-02T15:04:05Z07:00`: `Z` for UTC.
    package var rfc3339: String {
        self.dateAndTime(separator: "T") + (self.utcOffset == 0 ? "Z" : self.numericOffset(colon: true))
    }

    /// Whether daylight saving time is in force.
    package var isDaylightSavingTime: Bool { self.fields.tm_isdst > 0 }

    /// Seconds east of UTC.
    package var utcOffset: Int { Int(self.fields.tm_gmtoff) }

    /// Go's `-0700`, or with `colon` its `-07:00`.
    package func numericOffset(colon: Bool = false) -> String {
        Self.numericOffset(self.utcOffset, colon: colon)
    }

    /// Go's `-0700` (or with `colon` its `-07:00`) for `utcOffset` seconds east of UTC.
    package static func numericOffset(_ utcOffset: Int, colon: Bool = false) -> String {
        let minutes = abs(utcOffset) / 60
        return (utcOffset < 0 ? "-" : "+") + Self.digits(minutes / 60, 2) + (colon ? ":" : "") + Self.digits(minutes % 60, 2)
    }

    /// The zone's abbreviation (`UTC`, `CET`), as Go's `MST` prints it.
    package var zoneAbbreviation: String {
        self.fields.tm_zone.map { String(cString: $0) } ?? self.numericOffset()
    }

    /// `value` in at least `width` digits, zero-padded (a negative year keeps its sign first).
    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
