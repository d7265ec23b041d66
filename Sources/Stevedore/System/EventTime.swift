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
        if let duration = Self.goDuration(text) {
            return EventsOptions.timestamp(now.addingTimeInterval(-duration))
        }
        if let date = Self.rfc3339(text) {
            return EventsOptions.timestamp(date)
        }
        throw DockerError.invalidInput(
            "invalid time \"\(value)\": use a Unix timestamp, an RFC 3339 time or a duration such as 10m")
    }

    /// Seconds in a Go duration such as `1h30m`, `90s`, `1.5h`, `300ms`.
    static func goDuration(_ text: String) -> TimeInterval? {
        let units: [(String, Double)] = [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)]
        var rest = Substring(text)
        var total = 0.0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let number = rest.prefix(while: { $0.isNumber || $0 == "." })
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let (unit, factor) = units.first(where: { rest.hasPrefix($0.0) && !(($0.0 == "m") && rest.hasPrefix("ms")) }) else {
                return nil
            }
            rest = rest.dropFirst(unit.count)
            total += value * factor
        }
        return total
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
