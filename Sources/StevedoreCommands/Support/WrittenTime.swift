import Stevedore

/// A time in RFC 3339 (`2006-01-02T15:04:05.999999999Z07:00`, as daemons send them) as Go's
/// `time.Parse` takes it, and the offset it was written with, which Go keeps and docker prints
/// the time in.
///
/// The text is read byte by byte: a `Regex` built at run time took 8% of `stevedore version`'s
/// instructions. Only what Go's `time.Parse` takes is read: an upper-case `T`, a fraction of one
/// digit or more, `Z` or `±HH:MM`, a real calendar date, nothing after.
struct WrittenTime {
    /// Seconds east of UTC; nil for `Z`.
    var utcOffset: Int?

    init?(rfc3339: String) {
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
        guard let year = digits(0, 4), byte(4, is: "-"), let month = digits(5, 2), byte(7, is: "-"), let day = digits(8, 2),
            byte(10, is: "T"), let hour = digits(11, 2), byte(13, is: ":"), let minute = digits(14, 2), byte(16, is: ":"),
            let second = digits(17, 2),
            (1...12).contains(month), hour < 24, minute < 60, second < 60
        else { return nil }
        guard (1...DockerTimestamp.daysIn(month: Int64(month), year: Int64(year))).contains(Int64(day)) else { return nil }
        var offset = 19
        if byte(offset, is: ".") {
            offset += 1
            let fractionStart = offset
            while digits(offset, 1) != nil { offset += 1 }
            guard offset > fractionStart else { return nil }
        }
        if byte(offset, is: "Z") {
            offset += 1
            self.utcOffset = nil
        } else {
            guard byte(offset, is: "+") || byte(offset, is: "-"), let offsetHours = digits(offset + 1, 2), byte(offset + 3, is: ":"),
                let offsetMinutes = digits(offset + 4, 2), offsetHours < 24, offsetMinutes < 60
            else { return nil }
            self.utcOffset = (byte(offset, is: "-") ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60)
            offset += 6
        }
        guard offset == text.count else { return nil }
    }
}
