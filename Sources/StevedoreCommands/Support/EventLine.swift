import Stevedore
import StevedoreFormatting

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

    /// An event as docker's templates see its `events.Message`: the deprecated `status`, `id`
    /// and `from` left out when empty (`omitempty`, as `{{json .}}` prints them); its fields by
    /// their Go names are the model's (``GoTypedFields``).
    static func prepareForTemplates(_ value: inout TemplateValue) {
        guard case .object(var object) = value else { return }
        for key in ["status", "id", "from"] where object[key] == .null || object[key] == .string("") { object[key] = nil }
        value = .object(object)
    }

    /// docker's check of an events template before it asks for events: the template over an
    /// empty `events.Message`, whose fields it must name (`{{.Bogus}}` fails there).
    static func checkTemplate(_ format: OutputFormat) throws {
        var empty = try TemplateValue(encoding: EventMessage(actor: EventActor()))
        Self.prepareForTemplates(&empty)
        _ = try format.render([empty])
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
