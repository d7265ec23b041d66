#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Durations as docker's `go-units` `HumanDuration` writes them, and the phrases docker
/// builds from it ("5 minutes ago", "Up 2 hours").
public enum HumanDuration {
    /// `units.HumanDuration(d)`: "Less than a second", "1 second", "N seconds", "About a
    /// minute", "N minutes", "About an hour", "N hours" (below 48), "N days" (below 2 weeks),
    /// "N weeks" (below 60 days), "N months" (below 2 years, 30-day months), "N years".
    /// Hours are rounded to the nearest, everything else truncated, as go-units does.
    /// A duration past what Go's `time.Duration` holds (about 292 years either way: a daemon's
    /// `Created` can say anything) is that limit, as Go's `Time.Sub` saturates.
    public static func describe(seconds duration: Double) -> String {
        let limit = Double(Int64.max) / 1e9
        let duration = duration.isNaN ? 0 : min(max(duration, -limit), limit)
        let seconds = Int(duration.rounded(.towardZero))
        if seconds < 1 { return "Less than a second" }
        if seconds == 1 { return "1 second" }
        if seconds < 60 { return "\(seconds) seconds" }
        let minutes = Int((duration / 60).rounded(.towardZero))
        if minutes == 1 { return "About a minute" }
        if minutes < 60 { return "\(minutes) minutes" }
        let hours = Int((duration / 3600 + 0.5).rounded(.towardZero))
        if hours == 1 { return "About an hour" }
        if hours < 48 { return "\(hours) hours" }
        if hours < 24 * 7 * 2 { return "\(hours / 24) days" }
        if hours < 24 * 30 * 2 { return "\(hours / 24 / 7) weeks" }
        if hours < 24 * 365 * 2 { return "\(hours / 24 / 30) months" }
        return "\(Int((duration / 3600).rounded(.towardZero)) / 24 / 365) years"
    }

    /// docker's "created" column: `HumanDuration(now - date) + " ago"`.
    public static func ago(_ date: Date, now: Date = Date()) -> String {
        describe(seconds: now.timeIntervalSince(date)) + " ago"
    }

    /// A running container's status as the daemon words it: `"Up " + HumanDuration(now - started)`.
    public static func up(since date: Date, now: Date = Date()) -> String {
        "Up " + describe(seconds: now.timeIntervalSince(date))
    }
}
