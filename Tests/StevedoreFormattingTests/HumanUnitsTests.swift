import Foundation
import Testing

@testable import StevedoreFormatting

/// Expectations from go-units (`HumanSizeWithPrecision`, `BytesSize`, `HumanDuration`).
@Suite struct HumanUnitsTests {
    static let decimalCases: [(Double, String)] = [
        (0, "0B"), (999, "999B"), (1000, "1kB"), (1500, "1.5kB"), (23_400_000, "23.4MB"), (1e9, "1GB"),
        (999_999, "1e+03kB"), (123_456_789, "123MB"), (1_234_567, "1.23MB"), (1e27, "1e+03YB"), (12.5, "12.5B"),
    ]

    @Test(arguments: decimalCases)
    func decimalSizes(bytes: Double, expected: String) {
        #expect(HumanSize.decimal(bytes) == expected)
    }

    @Test func decimalSizeWithGoUnitsDefaultPrecision() {
        #expect(HumanSize.decimal(Int64(1_234_567), precision: 4) == "1.235MB")
        #expect(HumanSize.decimal(Int64(2_000_000_000)) == "2GB")
    }

    static let binaryCases: [(Double, String)] = [
        (0, "0B"), (1024, "1KiB"), (1536, "1.5KiB"), (1_572_864, "1.5MiB"), (1023, "1023B"), (5e9, "4.657GiB"),
    ]

    @Test(arguments: binaryCases)
    func binarySizes(bytes: Double, expected: String) {
        #expect(HumanSize.binary(bytes) == expected)
    }

    static let durationCases: [(Double, String)] = [
        (0, "Less than a second"), (0.9, "Less than a second"), (-5, "Less than a second"), (1, "1 second"),
        (59, "59 seconds"), (60, "About a minute"), (119, "About a minute"), (120, "2 minutes"), (3599, "59 minutes"),
        (3600, "About an hour"), (5399, "About an hour"), (5400, "2 hours"), (47 * 3600, "47 hours"),
        (48 * 3600, "2 days"), (13 * 86400, "13 days"), (14 * 86400, "2 weeks"), (59 * 86400, "8 weeks"),
        (60 * 86400, "2 months"), (729 * 86400, "24 months"), (730 * 86400, "2 years"), (3650 * 86400, "10 years"),
        // Past a Go duration's range (a `Created` of Int64.min once trapped): its limit.
        (1e19, "292 years"), (.infinity, "292 years"), (-1e19, "Less than a second"), (.nan, "Less than a second"),
    ]

    @Test(arguments: durationCases)
    func durations(seconds: Double, expected: String) {
        #expect(HumanDuration.describe(seconds: seconds) == expected)
    }

    @Test func agoAndUp() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(HumanDuration.ago(now.addingTimeInterval(-300), now: now) == "5 minutes ago")
        #expect(HumanDuration.up(since: now.addingTimeInterval(-7200), now: now) == "Up 2 hours")
    }

    @Test func truncatedIDs() {
        #expect(ObjectID.truncated("sha256:0123456789abcdef0123") == "0123456789ab")
        #expect(ObjectID.truncated("0123456789abcdef") == "0123456789ab")
        #expect(ObjectID.truncated("abc") == "abc")
    }

    @Test func goQuote() {
        #expect(GoQuote.quote("a\"b\\\n\t\u{07}\u{7F}é\u{A0}😀") == #""a\"b\\\n\t\a\x7fé\u00a0😀""#)
        #expect(GoQuote.unquote(#""a\tb\u00e9\x41""#) == "a\tbéA")
        #expect(GoQuote.unquote("`raw\\n`") == "raw\\n")
        #expect(GoQuote.unquote(#""unterminated"#) == nil)
    }
}
