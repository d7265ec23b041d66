/// How Go prints a model's field whose Go type prints in its own way
/// (``GoTypedFields/goPrintedFields``), and the Go values with methods a template can call on
/// them (``GoMethod``).
public enum GoPrinted: Sendable, Equatable {
    /// A type with a `String` method and no methods a template calls here: what it returns,
    /// which `print` and `printf`'s `%v`, `%s` and `%q` use too.
    case stringer(String)
    /// A `[]byte` (the daemon sends base64): printed as a list of numbers (`[121 10]`), but as
    /// text by `printf`'s `%s`, `%q`, `%x` and `%X` (`printf "%s"` is docker's way to show a
    /// config's data).
    case bytes([UInt8])
    /// A `time.Time`: printed as `2026-12-06 04:58:06.5 +0000 UTC`; `{{.Created.Year}}`,
    /// `{{.Created.Format "2006-01-02"}}` call its methods.
    case time(GoTime)
    /// A `time.Duration` of so many nanoseconds: printed as `1m30s`, a number to `printf "%d"`;
    /// `{{.Interval.Seconds}}` calls its methods.
    case duration(Int64)
    /// A `time.Month` (1 to 12), which a time's `Month` returns: printed as `December`, a
    /// number to `printf "%d"` and `eq`.
    case month(Int64)
    /// A `time.Weekday` (0 for Sunday), which a time's `Weekday` returns: printed as `Monday`.
    case weekday(Int64)

    /// What a template's action prints.
    var text: String {
        switch self {
        case .stringer(let text): text
        case .bytes(let bytes): "[" + bytes.map { String($0) }.joined(separator: " ") + "]"
        case .time(let time): time.string
        case .duration(let nanoseconds): goDurationString(nanoseconds)
        case .month(let month): (1...12).contains(month) ? GoTime.monthNames[Int(month) - 1] : "%!Month(\(month))"
        case .weekday(let day): (0...6).contains(day) ? GoTime.weekdayNames[Int(day)] : "%!Weekday(\(day))"
        }
    }

    /// The value `print`, `println` and `printf` receive.
    var printArgument: TemplateValue {
        var printed = TemplateObject()
        printed.goString = self.text
        switch self {
        case .bytes(let bytes): printed.goBytes = bytes
        case .duration(let integer), .month(let integer), .weekday(let integer): printed.goInteger = integer
        case .stringer, .time: break
        }
        return .object(printed)
    }
}
