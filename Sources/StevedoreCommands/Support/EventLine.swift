import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One event as `docker events` prints it:
/// `2024-01-02T03:04:05.123456789Z container start 0123… (image=busybox, name=x)`.
enum EventLine {
    static func describe(_ event: EventMessage) -> String {
        var line = ""
        if let nanos = event.timeNano {
            line += Self.timestamp(unixNanoseconds: nanos) + " "
        }
        line += "\(event.type?.rawValue ?? "") \(event.action ?? "") \(event.actor?.id ?? "")"
        let attributes = (event.actor?.attributes ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        if !attributes.isEmpty {
            line += " (" + attributes.joined(separator: ", ") + ")"
        }
        return line
    }

    /// RFC 3339 with nine fractional digits in local time, as Go's `time.RFC3339Nano` with the
    /// trailing zeros kept (docker's events use a fixed-width layout).
    /// A time before 1970 counts back whole seconds and forward the fraction, as Go's
    /// `time.Unix(0, n)` does.
    static func timestamp(unixNanoseconds: Int64) -> String {
        var (seconds, fraction) = unixNanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        if fraction < 0 {
            seconds -= 1
            fraction += 1_000_000_000
        }
        guard let local = LocalTime(secondsSince1970: seconds) else { return String(unixNanoseconds) }
        let zone = local.utcOffset == 0 ? "Z" : local.numericOffset(colon: true)
        let digits = String(fraction)
        return local.dateAndTime(separator: "T") + "." + String(repeating: "0", count: 9 - digits.count) + digits + zone
    }
}
