import Foundation

/// The time values `docker events --since/--until` accepts, turned into what the daemon parses.
public enum EventTime {
    /// Parses a Unix timestamp (`1700000000`, `1700000000.5`), an RFC 3339 time
    /// (`2024-01-02T03:04:05Z`, with or without fraction and offset), a date
    /// (`2024-01-02`), or a Go duration counted back from `now` (`10m`, `1h30m`, `90s`).
    public static func parse(_ value: String, now: Date = Date()) throws -> String {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds >= 0, !text.contains("e"), !text.contains("E") {
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

    static func rfc3339(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return withFraction.date(from: text) ?? plain.date(from: text) ?? day.date(from: text)
    }
}
