import Testing

@testable import StevedoreCommands

/// Go's time layouts as docker prints a daemon's times; the weekdays were checked with `date`.
struct GoTimeTests {
    @Test(arguments: [
        ("2026-09-15T11:02:57.000000000+00:00", "Tue Sep 15 11:02:57 2026"),
        ("2023-02-03T05:06:07Z", "Fri Feb  3 05:06:07 2023"),
        ("2000-02-29T00:00:00-07:00", "Tue Feb 29 00:00:00 2000"),
        ("1999-12-31T23:59:59.5+05:30", "Fri Dec 31 23:59:59 1999"),
        ("1970-01-01T00:00:00Z", "Thu Jan  1 00:00:00 1970"),
        ("1969-12-31T23:59:59Z", "Wed Dec 31 23:59:59 1969"),
        ("2100-03-01T12:00:00Z", "Mon Mar  1 12:00:00 2100"),
        ("0000-01-01T00:00:00Z", "Sat Jan  1 00:00:00 0000"),
        ("0000-03-01T00:00:00Z", "Wed Mar  1 00:00:00 0000"),
        // Not a date Go's time.Parse takes: printed as it came.
        ("2023-02-29T00:00:00Z", "2023-02-29T00:00:00Z"),
        ("2023-13-01T00:00:00Z", "2023-13-01T00:00:00Z"),
        ("2023-01-01T24:00:00Z", "2023-01-01T24:00:00Z"),
        ("2023-01-01T00:00:00+25:00", "2023-01-01T00:00:00+25:00"),
        ("Tue Sep 15", "Tue Sep 15"),
        ("", ""),
        ("2023-01-01T00:00:00", "2023-01-01T00:00:00"),
        ("2023-01-01T00:00:00.Z", "2023-01-01T00:00:00.Z"),
        ("2023-01-01T00:00:00Z ", "2023-01-01T00:00:00Z "),
        ("2023-01-01T00:00:00+05:60", "2023-01-01T00:00:00+05:60"),
        ("2023-01-01T00:00:00+0530", "2023-01-01T00:00:00+0530"),
        ("2023-01-01T00:00:60Z", "2023-01-01T00:00:60Z"),
        ("2023-1-01T00:00:00Z", "2023-1-01T00:00:00Z"),
        ("２023-01-01T00:00:00Z", "２023-01-01T00:00:00Z"),
        ("2023-01-01t00:00:00Z", "2023-01-01t00:00:00Z"),
    ])
    func buildTimesPrintAsGosANSIC(rfc3339: String, expected: String) {
        #expect(goANSICTime(rfc3339) == expected)
    }

    /// A daemon's time as docker prints the Go `time.Time` it parsed: as written, in the offset it
    /// came with (not the local zone's), `UTC` for `Z`. `+23:59` is an offset no local zone has,
    /// so Go repeats it in place of a name.
    @Test(arguments: [
        ("2026-12-05T10:00:00.123456789Z", "2026-12-05 10:00:00.123456789 +0000 UTC"),
        ("2026-12-05T10:00:00.500Z", "2026-12-05 10:00:00.5 +0000 UTC"),
        ("2026-12-05T10:00:00.0000000001Z", "2026-12-05 10:00:00 +0000 UTC"),
        ("0001-01-01T00:00:00Z", "0001-01-01 00:00:00 +0000 UTC"),
        ("2026-12-05T23:30:00.25+23:59", "2026-12-05 23:30:00.25 +2359 +2359"),
        ("2026-12-05T00:10:00-23:59", "2026-12-05 00:10:00 -2359 -2359"),
    ])
    func daemonTimesPrintInTheirOwnOffset(rfc3339: String, expected: String) {
        #expect(goTimeString(rfc3339) == expected)
    }

    @Test(arguments: ["", "2026-12-05", "2026-02-30T00:00:00Z", "2026-12-05T10:00:00", "2026-12-05 10:00:00Z"])
    func textsThatAreNotTimesPrintNothing(text: String) {
        #expect(goTimeString(text) == nil)
    }

    /// An event's time before 1970, as Go's `time.Unix(0, n)` places it: the second before, and
    /// the fraction counted forward from it (once a trap: a ten-character fraction).
    @Test func eventTimesBefore1970CountTheFractionForward() {
        // The fraction only: the local zone's 1969 offset need not be whole minutes.
        #expect(EventLine.timestamp(unixNanoseconds: -1).contains(".999999999"))
        #expect(EventLine.timestamp(unixNanoseconds: -123_456_789).contains(".876543211"))
        #expect(!EventLine.timestamp(unixNanoseconds: .min).isEmpty)
    }
}
