import Foundation
import StevedoreModels
import Testing

@Suite struct DockerTimestampTests {
    @Test func parsesNineFractionalDigitsExactly() throws {
        let timestamp = try #require(DockerTimestamp("2016-10-19T04:33:30.360899459Z"))
        #expect(timestamp.secondsSince1970 == 1_476_851_610)
        #expect(timestamp.nanoseconds == 360_899_459)
        #expect(abs(timestamp.date.timeIntervalSince1970 - 1_476_851_610.360899459) < 1e-6)
    }

    @Test(arguments: [
        ("2016-10-19T04:33:30Z", Int32(0)),
        ("2016-10-19T04:33:30.5Z", 500_000_000),
        ("2016-10-19T04:33:30.000001Z", 1_000),
        ("2016-10-19T04:33:30.1234567891234Z", 123_456_789),
    ])
    func fractionsOfAnyLength(text: String, nanoseconds: Int32) throws {
        let timestamp = try #require(DockerTimestamp(text))
        #expect(timestamp.secondsSince1970 == 1_476_851_610)
        #expect(timestamp.nanoseconds == nanoseconds)
    }

    @Test func appliesTimezoneOffsets() throws {
        let utc = try #require(DockerTimestamp("2021-03-04T05:06:07.1Z"))
        #expect(DockerTimestamp("2021-03-04T07:36:07.1+02:30") == utc)
        #expect(DockerTimestamp("2021-03-03T23:06:07.1-06:00") == utc)
        #expect(DockerTimestamp("2021-03-04t05:06:07.1z") == utc)
    }

    @Test func zeroTimeMeansNotSet() throws {
        let zero = try #require(DockerTimestamp("0001-01-01T00:00:00Z"))
        #expect(zero == .zero)
        #expect(zero.isZero)
        #expect(DockerTimestamp.date(from: "0001-01-01T00:00:00Z") == nil)
        #expect(DockerTimestamp.date(from: nil) == nil)
        #expect(DockerTimestamp.date(from: "1970-01-01T00:00:00Z") == Date(timeIntervalSince1970: 0))
    }

    @Test func agreesWithFoundationOnWholeSeconds() throws {
        let formatter = ISO8601DateFormatter()
        for text in [
            "1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "2024-12-31T12:00:00Z", "1969-07-20T20:17:40Z", "2100-03-01T00:00:00Z",
        ] {
            #expect(DockerTimestamp.date(from: text) == formatter.date(from: text), "\(text)")
        }
    }

    @Test(arguments: [
        "", "2016-10-19", "2016-10-19T04:33:30", "2016-10-19T04:33:30.Z", "2016-13-01T00:00:00Z",
        "2015-02-29T00:00:00Z", "2016-10-19T24:00:00Z", "2016-10-19T04:60:00Z", "2016-10-19T04:33:30+0200",
        "2016-10-19T04:33:30Zjunk", "16-10-19T04:33:30Z", "2016-10-19T04:33:30.123+25:00",
    ])
    func rejectsMalformedText(text: String) {
        #expect(DockerTimestamp(text) == nil)
        #expect(DockerTimestamp.date(from: text) == nil)
    }

    @Test func carriesNanosecondsIntoSeconds() {
        #expect(
            DockerTimestamp(secondsSince1970: 10, nanoseconds: 1_500_000_000)
                == DockerTimestamp(secondsSince1970: 11, nanoseconds: 500_000_000))
        #expect(DockerTimestamp(secondsSince1970: 10, nanoseconds: -1) == DockerTimestamp(secondsSince1970: 9, nanoseconds: 999_999_999))
        #expect(DockerTimestamp(secondsSince1970: 10, nanoseconds: -1_000_000_000) == DockerTimestamp(secondsSince1970: 9))
    }

    @Test func ordersByInstant() throws {
        let earlier = try #require(DockerTimestamp("2020-01-01T00:00:00.999999999Z"))
        let later = try #require(DockerTimestamp("2020-01-01T00:00:01Z"))
        #expect(earlier < later)
        #expect(DockerTimestamp.zero < earlier)
    }
}
