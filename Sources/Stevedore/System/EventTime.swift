import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The time values `docker events --since/--until` accepts, turned into what the daemon parses.
public enum EventTime {
    /// Parses a Unix timestamp (`1700000000`, `1700000000.5`), an RFC 3339 time
    /// (`2024-01-02T03:04:05Z`, with or without fraction and offset), a date
    /// (`2024-01-02`), or a Go duration counted back from `now` (`10m`, `1h30m`, `90s`).
    public static func parse(_ value: String, now: Date = Date()) throws -> String {
        let text = value.trimmingWhitespace()
        if let seconds = Double(text), seconds >= 0, !text.contains(scalar: "e"), !text.contains(scalar: "E") {
            return text
        }
        if let duration = GoDuration.seconds(text), duration >= 0 {
            return SystemEventsOptions.timestamp(now.addingTimeInterval(-duration))
        }
        if let date = Self.rfc3339(text) {
            return SystemEventsOptions.timestamp(date)
        }
        throw DockerError.invalidInput(
            "invalid time \"\(value)\": use a Unix timestamp, an RFC 3339 time or a duration such as 10m")
    }

    /// An RFC 3339 date-time, or a date alone (its midnight UTC).
    static func rfc3339(_ text: String) -> Date? {
        let dateTime = text.utf8.count == 10 ? text + "T00:00:00Z" : text
        return DockerTimestamp(dateTime).map(\.date)
    }
}
