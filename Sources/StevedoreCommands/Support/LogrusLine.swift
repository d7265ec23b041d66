import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A line as docker's CLI logs it to stderr with logrus, for the few messages it logs rather
/// than prints (`Error waiting for container: …`): on a terminal `ERRO[0000] message` (the
/// level's first four letters and the seconds since the process started), elsewhere logrus's
/// text format, `time="2026-12-05T14:40:00Z" level=error msg="message"` (local time, RFC 3339).
enum LogrusLine {
    /// When the process started, as logrus counts the seconds of a terminal line.
    private static let start = Date()

    static func error(_ message: String, now: Date = Date(), isTerminal: Bool = isatty(STDERR_FILENO) == 1) -> String {
        if isTerminal {
            let seconds = Int(now.timeIntervalSince(Self.start))
            let padded = String(seconds)
            return "ERRO[" + String(repeating: "0", count: max(0, 4 - padded.count)) + padded + "] " + message
        }
        let time = LocalTime(secondsSince1970: Int64(now.timeIntervalSince1970.rounded(.down)))?.rfc3339 ?? ""
        return "time=\(GoQuote.quote(time)) level=error msg=\(GoQuote.quote(message))"
    }
}
