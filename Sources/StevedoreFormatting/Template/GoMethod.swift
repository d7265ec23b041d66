#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A method of one of the Go values a template holds with a type of its own (``GoPrinted``):
/// `time.Time`'s (`{{.Created.Format "2006-01-02"}}`, `{{.Created.Unix}}`), `time.Duration`'s
/// (`{{.Interval.Seconds}}`), and `String` of `time.Month` and `time.Weekday`.
///
/// These are the methods Go's templates can call: exported, with one result (or a result and an
/// error), and arguments a template can write (a string, an integer, a time or duration it
/// holds). `Date`, `Clock` and `Zone` return several values, which Go refuses; a method missing
/// here fails the typed pass, and inspect commands fall back to the daemon's JSON as docker's do.
struct GoMethod {
    /// A parameter's Go type, which an argument must have.
    enum Parameter {
        case string, int, duration, time

        /// The type's name in Go's errors.
        var goTypeName: String {
            switch self {
            case .string: "string"
            case .int: "int"
            case .duration: "time.Duration"
            case .time: "time.Time"
            }
        }
    }

    /// An argument converted to its parameter's type.
    enum Argument {
        case string(String)
        /// An `int` or a `time.Duration` in nanoseconds.
        case int(Int64)
        case time(GoTime)

        var int: Int64 {
            if case .int(let value) = self { return value }
            return 0
        }

        var time: GoTime {
            if case .time(let value) = self { return value }
            return GoTime(secondsSince1970: 0, nanoseconds: 0)
        }

        var string: String {
            if case .string(let value) = self { return value }
            return ""
        }
    }

    let parameters: [Parameter]
    let body: ([Argument]) -> EvaluatedValue

    private init(_ parameters: [Parameter] = [], _ body: @escaping ([Argument]) -> EvaluatedValue) {
        self.parameters = parameters
        self.body = body
    }

    /// Converts an evaluated argument to `parameter`'s type as Go's `evalArg` does: an integer
    /// written in the template is an `int` or a `time.Duration`, anything else must hold the
    /// type itself. Nil where it does not.
    static func argument(_ value: EvaluatedValue, for parameter: Parameter) -> Argument? {
        switch (parameter, value.goPrinted, value.value) {
        case (.string, nil, .string(let text)?): return .string(text)
        case (.int, nil, .int(let integer)?) where !value.isInterface: return .int(integer)
        case (.duration, nil, .int(let integer)?) where !value.isInterface: return .int(integer)
        case (.duration, .duration(let nanoseconds)?, _): return .int(nanoseconds)
        case (.time, .time(let time)?, _): return .time(time)
        default: return nil
        }
    }

    /// The method `name` of `receiver`, if Go's type has one a template can call.
    static func named(_ name: String, of receiver: GoPrinted) -> GoMethod? {
        switch receiver {
        case .time(let time): timeMethod(name, time)
        case .duration(let nanoseconds): durationMethod(name, nanoseconds)
        case .month, .weekday: name == "String" ? GoMethod { _ in EvaluatedValue(.string(receiver.text)) } : nil
        case .stringer, .bytes: nil
        }
    }

    private static func timeMethod(_ name: String, _ time: GoTime) -> GoMethod? {
        let fields = time.fields
        /// Nanoseconds since Go's zero time, which `Truncate` and `Round` divide.
        let unixNanoseconds = time.unixNanoseconds
        let sinceZeroTime = unixNanoseconds + Int128(GoTime.zeroTimeToUnix) * 1_000_000_000
        func int(_ value: some BinaryInteger) -> GoMethod { GoMethod { _ in EvaluatedValue(.int(Int64(truncatingIfNeeded: value))) } }
        func bool(_ compare: @escaping (Int128) -> Bool) -> GoMethod {
            GoMethod([.time]) { arguments in EvaluatedValue(.bool(compare(unixNanoseconds - arguments[0].time.unixNanoseconds))) }
        }
        switch name {
        case "String": return GoMethod { _ in EvaluatedValue(.string(time.string)) }
        case "GoString": return GoMethod { _ in EvaluatedValue(.string(time.goString)) }
        case "Format": return GoMethod([.string]) { arguments in EvaluatedValue(.string(time.format(arguments[0].string))) }
        case "MarshalJSON", "MarshalText":
            let text = time.format(GoTime.rfc3339Nano)
            return GoMethod { _ in .go(.bytes(Array((name == "MarshalJSON" ? "\"\(text)\"" : text).utf8))) }
        case "Year": return int(fields.year)
        case "Month": return GoMethod { _ in .go(.month(Int64(fields.month))) }
        case "Day": return int(fields.day)
        case "YearDay": return int(fields.dayOfYear)
        case "Weekday": return GoMethod { _ in .go(.weekday(Int64(fields.weekday))) }
        case "Hour": return int(fields.hour)
        case "Minute": return int(fields.minute)
        case "Second": return int(fields.second)
        case "Nanosecond": return int(time.nanoseconds)
        case "Unix": return int(time.secondsSince1970)
        // Whole seconds, then the (non-negative) fraction's part, as Go's: rounded down.
        case "UnixMilli": return int(time.secondsSince1970 &* 1_000 &+ time.nanoseconds / 1_000_000)
        case "UnixMicro": return int(time.secondsSince1970 &* 1_000_000 &+ time.nanoseconds / 1_000)
        case "UnixNano": return int(unixNanoseconds)
        case "IsZero": return GoMethod { _ in EvaluatedValue(.bool(sinceZeroTime == 0)) }
        case "IsDST": return GoMethod { _ in EvaluatedValue(.bool(time.isDaylightSavingTime)) }
        case "UTC": return GoMethod { _ in .go(.time(time.inUTC)) }
        case "Local": return GoMethod { _ in .go(.time(time.inLocalZone)) }
        case "Location":
            let location =
                switch time.location {
                case .utc: "UTC"
                case .local: GoTime.localZoneName
                case .fixed: ""
                }
            return GoMethod { _ in EvaluatedValue(value: .object(TemplateObject()), goPrinted: .stringer(location)) }
        case "Before": return bool { $0 < 0 }
        case "After": return bool { $0 > 0 }
        case "Equal": return bool { $0 == 0 }
        case "Compare":
            return GoMethod([.time]) { arguments in
                let difference = unixNanoseconds - arguments[0].time.unixNanoseconds
                return EvaluatedValue(.int(difference < 0 ? -1 : difference > 0 ? 1 : 0))
            }
        case "Sub": return GoMethod([.time]) { arguments in .go(.duration(clamped(unixNanoseconds - arguments[0].time.unixNanoseconds))) }
        case "Add": return GoMethod([.duration]) { arguments in .go(.time(time.adding(Int128(arguments[0].int)))) }
        case "AddDate":
            return GoMethod([.int, .int, .int]) { arguments in
                .go(.time(time.addingDate(years: arguments[0].int, months: arguments[1].int, days: arguments[2].int)))
            }
        case "Truncate", "Round":
            return GoMethod([.duration]) { arguments in
                let step = Int128(arguments[0].int)
                guard step > 0 else { return .go(.time(time)) }
                let remainder = ((sinceZeroTime % step) + step) % step
                let roundsUp = name == "Round" && remainder + remainder >= step
                return .go(.time(time.adding(roundsUp ? step - remainder : -remainder)))
            }
        default: return nil
        }
    }

    private static func durationMethod(_ name: String, _ nanoseconds: Int64) -> GoMethod? {
        /// The duration in `unit`s, as Go's `Hours`, `Minutes` and `Seconds` compute it: whole
        /// units plus the remainder's fraction.
        func float(_ unit: Int64) -> GoMethod {
            let (whole, remainder) = nanoseconds.quotientAndRemainder(dividingBy: unit)
            return GoMethod { _ in EvaluatedValue(.double(Double(whole) + Double(remainder) / Double(unit))) }
        }
        func duration(_ body: @escaping (Int64) -> Int64) -> GoMethod {
            GoMethod([.duration]) { arguments in .go(.duration(body(arguments[0].int))) }
        }
        switch name {
        case "String": return GoMethod { _ in EvaluatedValue(.string(goDurationString(nanoseconds))) }
        case "Hours": return float(3_600_000_000_000)
        case "Minutes": return float(60_000_000_000)
        case "Seconds": return float(1_000_000_000)
        case "Milliseconds": return GoMethod { _ in EvaluatedValue(.int(nanoseconds / 1_000_000)) }
        case "Microseconds": return GoMethod { _ in EvaluatedValue(.int(nanoseconds / 1_000)) }
        case "Nanoseconds": return GoMethod { _ in EvaluatedValue(.int(nanoseconds)) }
        case "Abs": return GoMethod { _ in .go(.duration(nanoseconds == .min ? .max : abs(nanoseconds))) }
        case "Truncate": return duration { step in step <= 0 ? nanoseconds : nanoseconds - nanoseconds % step }
        case "Round":
            return duration { step in
                guard step > 0 else { return nanoseconds }
                // Halves away from zero, saturating where the result overflows, as Go's does.
                let remainder = (nanoseconds % step).magnitude
                let away = remainder + remainder >= step.magnitude
                let rounded =
                    Int128(nanoseconds) + (nanoseconds < 0 ? 1 : -1) * Int128(remainder)
                    + (away ? (nanoseconds < 0 ? -1 : 1) * Int128(step) : 0)
                return clamped(rounded)
            }
        default: return nil
        }
    }

    /// `value` within a `time.Duration`, as Go saturates a `Sub` or `Round` out of range.
    private static func clamped(_ value: Int128) -> Int64 {
        Int64(exactly: value) ?? (value < 0 ? .min : .max)
    }
}

extension EvaluatedValue {
    /// A Go value of a type of its own (``GoPrinted``) a method returned: what `json` and
    /// comparisons see of it, and how it prints.
    static func go(_ printed: GoPrinted) -> EvaluatedValue {
        let value: TemplateValue =
            switch printed {
            case .time(let time): .string(time.format(GoTime.rfc3339Nano))
            case .duration(let integer), .month(let integer), .weekday(let integer): .int(integer)
            case .stringer(let text): .string(text)
            case .bytes(let bytes): .string(Data(bytes).base64EncodedString())
            }
        return EvaluatedValue(value: value, goPrinted: printed)
    }

    init(value: TemplateValue, goPrinted: GoPrinted) {
        self.init(value: value)
        self.goPrinted = goPrinted
    }
}
