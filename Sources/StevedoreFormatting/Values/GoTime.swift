import StevedoreText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A Go `time.Time` as docker's templates hold one (`{{.Created}}` of a network, a health
/// check's `.Start`): an instant with the zone it is shown in, whose methods a template calls
/// (``GoPrinted/time(_:)``): `{{.Created.Format "2006-01-02"}}`, `{{.Created.Year}}`.
///
/// Go keeps the zone a time was parsed with: `UTC` for a `Z`, the local zone where its offset
/// matches the one written, else a zone of that offset without a name.
public struct GoTime: Sendable, Equatable {
    /// Where Go's `time.Location` places the time, which `Location` and `GoString` name.
    public enum Location: Sendable, Equatable {
        /// `time.UTC`.
        case utc
        /// `time.Local`, the zone of `TZ` or `/etc/localtime`.
        case local
        /// A `time.FixedZone` of a parsed offset, which has no name.
        case fixed
    }

    /// Whole seconds since 1970-01-01T00:00:00Z (negative before).
    public var secondsSince1970: Int64
    /// Nanoseconds after ``secondsSince1970``, in `0..<1_000_000_000`.
    public var nanoseconds: Int64
    /// Seconds east of UTC of the zone the time is shown in.
    public var utcOffset: Int
    /// The zone's abbreviation (`UTC`, `CET`), empty for a fixed zone: Go's `MST` then prints
    /// the offset (`+0200`).
    public var zoneName: String
    public var location: Location

    /// The instant in UTC.
    public init(secondsSince1970: Int64, nanoseconds: Int64) {
        self.secondsSince1970 = secondsSince1970
        self.nanoseconds = nanoseconds
        self.utcOffset = 0
        self.zoneName = "UTC"
        self.location = .utc
    }

    /// The instant shown with `utcOffset`: in the local zone where it has that offset then,
    /// else in a fixed zone, as Go's `time.Parse` places a time written with an offset.
    public init(secondsSince1970: Int64, nanoseconds: Int64, utcOffset: Int) {
        self.init(secondsSince1970: secondsSince1970, nanoseconds: nanoseconds)
        if let local = LocalTime(secondsSince1970: secondsSince1970), local.utcOffset == utcOffset {
            (self.utcOffset, self.zoneName, self.location) = (utcOffset, local.zoneAbbreviation, .local)
        } else {
            (self.utcOffset, self.zoneName, self.location) = (utcOffset, "", .fixed)
        }
    }

    /// The name of Go's `time.Local`, as Go names the zone it loads: `Local` for the system's
    /// (`TZ` unset or `/etc/localtime`), `TZ` without a leading colon for another zone it finds
    /// (`Europe/Berlin`), `UTC` where it finds none (an empty or unknown `TZ`, no
    /// `/etc/localtime`).
    static var localZoneName: String {
        guard let variable = getenv("TZ") else { return access("/etc/localtime", R_OK) == 0 ? "Local" : "UTC" }
        var zone = String(cString: variable)
        if let unprefixed = zone.cut(prefix: ":") { zone = String(unprefixed) }
        if zone == "/etc/localtime" { return access(zone, R_OK) == 0 ? "Local" : "UTC" }
        // Go's zone sources on Linux, for a name that is not a path.
        let candidates =
            zone.hasBytePrefix("/")
            ? [zone] : ["/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/"].map { $0 + zone }
        return !zone.isEmpty && candidates.contains { access($0, R_OK) == 0 } ? zone : "UTC"
    }

    /// Seconds from Go's zero time (January 1, year 1, UTC) to 1970.
    static let zeroTimeToUnix: Int64 = 62_135_596_800

    /// Go's `time.Time.String()`: `2006-01-02 15:04:05.999999999 -0700 MST`.
    public var string: String { self.format("2006-01-02 15:04:05.999999999 -0700 MST") }

    /// The same instant in UTC (Go's `UTC`).
    var inUTC: GoTime { GoTime(secondsSince1970: self.secondsSince1970, nanoseconds: self.nanoseconds) }

    /// The same instant in the local zone (Go's `Local`); in UTC where the C library cannot
    /// place it.
    package var inLocalZone: GoTime {
        var time = self.inUTC
        guard let local = LocalTime(secondsSince1970: self.secondsSince1970) else { return time }
        (time.utcOffset, time.zoneName, time.location) = (local.utcOffset, local.zoneAbbreviation, .local)
        return time
    }

    /// The same zone at another instant: a local time takes the local offset in force then.
    func moved(toSecondsSince1970 seconds: Int64, nanoseconds: Int64) -> GoTime {
        var time = self
        (time.secondsSince1970, time.nanoseconds) = (seconds, nanoseconds)
        return self.location == .local ? time.inLocalZone : time
    }

    /// Nanoseconds since 1970-01-01T00:00:00Z.
    var unixNanoseconds: Int128 { Int128(self.secondsSince1970) * 1_000_000_000 + Int128(self.nanoseconds) }

    /// Go's `time.RFC3339Nano`, the layout of a time's `json`.
    static let rfc3339Nano = "2006-01-02T15:04:05.999999999Z07:00"

    /// Whether the local zone keeps daylight saving time at this instant (Go's `IsDST`).
    var isDaylightSavingTime: Bool {
        self.location == .local && LocalTime(secondsSince1970: self.secondsSince1970)?.isDaylightSavingTime == true
    }

    /// This time `nanoseconds` later (earlier if negative), in its zone (Go's `Add`).
    func adding(_ nanoseconds: Int128) -> GoTime {
        let total = self.unixNanoseconds + nanoseconds
        let (seconds, fraction) = total.quotientAndRemainder(dividingBy: 1_000_000_000)
        let borrow: Int128 = fraction < 0 ? 1 : 0
        return self.moved(
            toSecondsSince1970: Int64(truncatingIfNeeded: seconds - borrow), nanoseconds: Int64(fraction + borrow * 1_000_000_000))
    }

    /// The same wall clock `years`, `months` and `days` later, an overflowing date normalized
    /// (October 31 plus a month is December 1), in the same zone (Go's `AddDate`).
    func addingDate(years: Int64, months: Int64, days: Int64) -> GoTime {
        // Go's `int` arithmetic wraps where a date is out of any range; it does not stop.
        let fields = self.fields
        let day = Fields.daysSince1970(year: fields.year &+ years, month: Int64(fields.month) &+ months, day: Int64(fields.day) &+ days)
        let wallClock = day &* 86_400 &+ Int64(fields.hour * 3_600 + fields.minute * 60 + fields.second)
        var offset = Int64(self.utcOffset)
        if self.location == .local {
            // The offset in force then, as Go's `Date` looks it up: at the wall clock read as
            // UTC, then at the instant that offset gives, where that is in another period.
            let guess = LocalTime(secondsSince1970: wallClock).map { Int64($0.utcOffset) } ?? 0
            offset = LocalTime(secondsSince1970: wallClock &- guess).map { Int64($0.utcOffset) } ?? guess
        }
        return self.moved(toSecondsSince1970: wallClock &- offset, nanoseconds: self.nanoseconds)
    }

    /// Go's `GoString`: `time.Date(2026, time.December, 7, 22, 53, 33, 970155615, time.UTC)`.
    var goString: String {
        let fields = self.fields
        let location =
            switch self.location {
            case .utc: "time.UTC"
            case .local: "time.Local"
            case .fixed: "time.Location(\"\")"
            }
        return "time.Date(\(fields.year), time.\(Self.monthNames[fields.month - 1]), \(fields.day), \(fields.hour), "
            + "\(fields.minute), \(fields.second), \(self.nanoseconds), \(location))"
    }

    /// The calendar fields in the time's own zone.
    var fields: Fields { Fields(shownSeconds: self.secondsSince1970 &+ Int64(self.utcOffset)) }

    /// A time's calendar fields (proleptic Gregorian, as Go's calendar; Foundation's date
    /// formatting leaves for the Julian one before 1582).
    struct Fields {
        var year: Int64
        /// 1 to 12.
        var month: Int
        var day: Int
        /// 1 to 366.
        var dayOfYear: Int
        /// 0 (Sunday) to 6, as Go's `time.Weekday`.
        var weekday: Int
        var hour: Int
        var minute: Int
        var second: Int

        /// The fields of the wall clock `shownSeconds` after 1970-01-01 00:00:00 (Howard
        /// Hinnant's `civil_from_days`).
        init(shownSeconds: Int64) {
            let days = shownSeconds >= 0 ? shownSeconds / 86_400 : (shownSeconds + 1) / 86_400 - 1
            let secondOfDay = Int(shownSeconds &- days &* 86_400)
            let shifted = days + 719_468
            let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
            let dayOfEra = shifted - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfMarchYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let marchMonth = (5 * dayOfMarchYear + 2) / 153
            self.day = Int(dayOfMarchYear - (153 * marchMonth + 2) / 5 + 1)
            self.month = Int(marchMonth < 10 ? marchMonth + 3 : marchMonth - 9)
            self.year = yearOfEra + era * 400 + (self.month <= 2 ? 1 : 0)
            self.dayOfYear = Int(days &- Self.daysSince1970(year: self.year, month: 1, day: 1)) + 1
            self.weekday = Int(((days + 4) % 7 + 7) % 7)
            (self.hour, self.minute, self.second) = (secondOfDay / 3_600, secondOfDay / 60 % 60, secondOfDay % 60)
        }

        /// Days from 1970-01-01 to a proleptic Gregorian date, whose month may lie outside
        /// 1...12 and day outside the month, as Go's `time.Date` normalizes them (Howard
        /// Hinnant's `days_from_civil`).
        /// Arithmetic wraps, as Go's does, for dates out of any range.
        static func daysSince1970(year: Int64, month: Int64, day: Int64) -> Int64 {
            let monthIndex = month &- 1
            let carry = monthIndex >= 0 ? monthIndex / 12 : (monthIndex + 1) / 12 - 1
            let normalizedMonth = monthIndex &- carry &* 12 &+ 1
            let shiftedYear = year &+ carry &- (normalizedMonth <= 2 ? 1 : 0)
            let era = shiftedYear >= 0 ? shiftedYear / 400 : (shiftedYear + 1) / 400 - 1
            let yearOfEra = shiftedYear &- era &* 400
            let marchMonth = normalizedMonth > 2 ? normalizedMonth - 3 : normalizedMonth + 9
            let dayOfYear = (153 * marchMonth + 2) / 5
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era &* 146_097 &+ dayOfEra &- 719_468 &+ (day &- 1)
        }
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
    static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
}
