import Testing

@testable import StevedoreFormatting

/// Go's `time.Time` and `time.Duration` as templates hold them: `Format` with Go's layout
/// elements, and the methods a template calls. Expected texts are what docker 28 prints.
@Suite struct GoTimeTests {
    /// Go's reference time, `Mon Jan 2 15:04:05 MST 2006` (-0700), with a fraction.
    private static var referenceTime: GoTime {
        var time = GoTime(secondsSince1970: 1_136_239_445, nanoseconds: 123_456_789)
        (time.utcOffset, time.zoneName, time.location) = (-25_200, "MST", .fixed)
        return time
    }

    @Test(arguments: [
        ("Mon, 02 Jan 2006 15:04:05 -0700", "Mon, 02 Jan 2006 15:04:05 -0700"),
        ("Monday January _2 3:04PM pm MST", "Monday January  2 3:04PM pm MST"),
        ("2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04:05.123456789-07:00"),
        (".000 ,999 .9 .0000000000000", ".123 ,123 .1 .123456789"),
        ("__2 002 06 1 2 3 4 5 15", "  2 002 06 1 2 3 4 5 15"),
        ("-07 -070000 -07:00:00 Z0700 Z07", "-07 -070000 -07:00:00 -0700 -07"),
        // Not elements: `Jan` and `Mon` before a lower-case letter, a fraction a digit follows,
        // the `_` of `_2006`.
        ("Janet Monet .0001 _2006", "Janet Monet .0001 _2006"),
    ])
    func formatsGoLayouts(layout: String, expected: String) {
        #expect(Self.referenceTime.format(layout) == expected)
    }

    @Test func printsAsGoStringsAndZones() {
        var time = GoTime(secondsSince1970: 1_793_491_199, nanoseconds: 500_000_000)
        #expect(time.string == "2026-10-31 23:59:59.5 +0000 UTC")
        #expect(time.format("Z07:00 MST .999") == "Z UTC .5")
        (time.utcOffset, time.zoneName, time.location) = (7_200, "", .fixed)
        // A zone without a name prints its offset where Go's `MST` stands.
        #expect(time.string == "2026-11-01 01:59:59.5 +0200 +0200")
        #expect(time.goString == #"time.Date(2026, time.November, 1, 1, 59, 59, 500000000, time.Location(""))"#)
        // Go's zero time, year 1.
        #expect(GoTime(secondsSince1970: -GoTime.zeroTimeToUnix, nanoseconds: 0).string == "0001-01-01 00:00:00 +0000 UTC")
    }

    @Test func templatesCallTimeAndDurationMethods() throws {
        struct Result: Encodable, GoTypedFields {
            var Created = "2026-10-31T23:59:59.5Z"
            var Interval: Int64 = 90_000_000_000
            var Back: Int64 = -90_000_000_000
            var Early = "1969-12-31T23:59:59.9995Z"
            var goPrintedFields: [String: GoPrinted] {
                [
                    "Created": .time(GoTime(secondsSince1970: 1_793_491_199, nanoseconds: 500_000_000)),
                    "Early": .time(GoTime(secondsSince1970: -1, nanoseconds: 999_500_000)),
                    "Interval": .duration(self.Interval), "Back": .duration(self.Back),
                ]
            }
        }
        let value = try TemplateValue(encoding: Result())
        func render(_ text: String) throws -> String { try GoTemplate(parsing: text).render(value, missingKey: .error) }
        #expect(
            try render(#"{{.Created.Year}} {{.Created.Month}} {{printf "%d %s" .Created.Month .Created.Weekday}}"#)
                == "2026 October 10 Saturday")
        #expect(
            try render("{{.Created.YearDay}} {{.Created.Unix}} {{.Created.UnixMilli}} {{.Created.Nanosecond}}")
                == "304 1793491199 1793491199500 500000000")
        #expect(try render(#"{{.Created.Format "Jan _2"}} {{"2006" | .Created.Format}} {{json .Created.Month}}"#) == "Oct 31 2026 10")
        #expect(try render("{{.Created.AddDate 0 1 0}}") == "2026-12-01 23:59:59.5 +0000 UTC")
        #expect(
            try render("{{.Created.Add 1500000000}}|{{.Created.Add .Interval}}")
                == "2026-11-01 00:00:01 +0000 UTC|2026-11-01 00:01:29.5 +0000 UTC")
        #expect(
            try render("{{.Created.Truncate 3600000000000}}|{{.Created.Round 1000000000}}")
                == "2026-10-31 23:00:00 +0000 UTC|2026-11-01 00:00:00 +0000 UTC")
        #expect(
            try render(
                "{{.Created.Sub (.Created.Add .Back)}} {{.Created.Before .Created}} {{.Created.Equal .Created.UTC}} {{.Created.IsZero}}")
                == "1m30s false true false")
        #expect(
            try render("{{json .Created.UTC}} {{.Created.MarshalText}}")
                == #""2026-10-31T23:59:59.5Z" [50 48 50 54 45 49 48 45 51 49 84 50 51 58 53 57 58 53 57 46 53 90]"#)
        #expect(
            try render("{{.Interval.Seconds}} {{.Interval.Minutes}} {{.Interval.Milliseconds}} {{printf \"%d|%v\" .Interval .Interval}}")
                == "90 1.5 90000 90000000000|1m30s")
        #expect(
            try render("{{.Interval.Round 60000000000}} {{.Interval.Truncate 60000000000}} {{.Back.Round 60000000000}} {{.Back.Abs}}")
                == "2m0s 1m0s -2m0s 1m30s")
        #expect(try render("{{lt .Interval 100000000000}} {{.Created.Month.String}}") == "true October")
        // Before 1970, Go rounds down: whole seconds, then the fraction's part.
        #expect(
            try render("{{.Early.Unix}} {{.Early.UnixMilli}} {{.Early.UnixMicro}} {{.Early.Format \"06 .000\"}}") == "-1 -1 -500 69 .999")
        // A date out of any range wraps, as Go's arithmetic does: no trap.
        #expect(try !render("{{.Created.AddDate 0 0 9223372036854775807}}{{.Created.AddDate 100000000000000000 0 0}}").isEmpty)
        // What Go's templates cannot call: a method with several results, wrong arguments.
        for template in [
            "{{.Created.Date}}", "{{.Created.Format}}", "{{.Created.Format 3}}", "{{.Created.Add .Created}}", "{{.Created.Year.Nope}}",
        ] {
            #expect(throws: TemplateError.self, "\(template)") { try render(template) }
        }
    }
}
