import StevedoreModels
import StevedoreText

/// One of the layouts docker's `GetTimestamp` reads `--since` and `--until` with, parsed as Go's
/// `time.Parse` parses it: element by element, each taking the digits Go takes, the same fields
/// out of range, and, where the value does not fit, Go's own error (`parsing time "2024-13-01":
/// month out of range`), which the docker CLI prints as it is.
struct GoTimeLayout {
    /// A piece of a layout: text that must be there, or one of Go's standard elements.
    enum Element {
        case literal(String)
        /// `2006`: four bytes, the first a digit, all of them a number.
        case year
        /// `01`, `02`: two digits.
        case month, day
        /// `15`: one or two digits.
        case hour
        /// `04`, `05`: two digits.
        case minute, second
        /// `.999999999`: a fraction of a second, if there is one.
        case fraction
        /// `Z07:00`: `Z`, or a sign and `hh:mm`.
        case zone

        var goText: String {
            switch self {
            case .literal(let text): text
            case .year: "2006"
            case .month: "01"
            case .day: "02"
            case .hour: "15"
            case .minute: "04"
            case .second: "05"
            case .fraction: ".999999999"
            case .zone: "Z07:00"
            }
        }
    }

    /// Go's error, as `(*time.ParseError).Error` words it.
    struct Failure: Error {
        let message: String
    }

    let elements: [Element]

    /// The layout in Go's notation (`2006-01-02T15:04`), as its errors name it.
    var goText: String { self.elements.map(\.goText).joined() }

    /// The layout docker picks for `value`: how much of the time of day it holds (a fraction
    /// means all of it), and whether it ends with a zone (`zoned`) or is in the local one.
    init(for value: [UInt8], zoned: Bool) {
        var elements: [Element] = [.year, .literal("-"), .month, .literal("-"), .day]
        var timeFields = 0
        if value.contains(UInt8(ascii: ".")) {
            timeFields = 4
        } else if value.contains(UInt8(ascii: "T")) {
            var colons = value.count(where: { $0 == UInt8(ascii: ":") })
            // An offset's colon is not the time's.
            if zoned, !value.contains(UInt8(ascii: "z")), !value.contains(UInt8(ascii: "Z")), colons > 0 { colons -= 1 }
            timeFields = min(colons + 1, 3)
        }
        if timeFields >= 1 { elements += [.literal("T"), .hour] }
        if timeFields >= 2 { elements += [.literal(":"), .minute] }
        if timeFields >= 3 { elements += [.literal(":"), .second] }
        if timeFields >= 4 { elements.append(.fraction) }
        if zoned { elements.append(.zone) }
        self.elements = elements
    }

    /// The instant `value` names in this layout, its zone `localOffset` (seconds east of UTC)
    /// where the layout has none.
    func parse(_ value: [UInt8], localOffset: Int) throws(Failure) -> (seconds: Int64, nanoseconds: Int) {
        var rest = value[...]
        var (year, month, day, hour, minute, second, nanoseconds) = (0, 1, 1, 0, 0, 0, 0)
        var offset = localOffset
        for (index, element) in self.elements.enumerated() {
            let held = rest
            var outOfRange: String?
            var fits = true
            switch element {
            case .literal(let text):
                for byte in text.utf8 {
                    guard rest.first == byte else { throw self.failure(value, element: text, at: rest) }
                    rest.removeFirst()
                }
                continue
            case .year:
                let digits = rest.prefix(4)
                if digits.count == 4, digits.allSatisfy(Self.isDigit) {
                    year = Self.number(digits)
                    rest.removeFirst(4)
                } else {
                    fits = false
                }
            case .month:
                fits = Self.take(&rest, fixed: true, into: &month)
                if fits, !(1...12).contains(month) { outOfRange = "month" }
            case .day:
                fits = Self.take(&rest, fixed: true, into: &day)
            case .hour:
                fits = Self.take(&rest, fixed: false, into: &hour)
                if hour >= 24 { outOfRange = "hour" }
            case .minute:
                fits = Self.take(&rest, fixed: true, into: &minute)
                if minute >= 60 { outOfRange = "minute" }
            case .second:
                fits = Self.take(&rest, fixed: true, into: &second)
                if fits, second >= 60 {
                    outOfRange = "second"
                } else if fits, !self.hasFraction(after: index) {
                    // Go reads a fraction after the seconds whether the layout has one or not.
                    nanoseconds = Self.fraction(&rest) ?? 0
                }
            case .fraction:
                nanoseconds = Self.fraction(&rest) ?? 0
            case .zone:
                fits = Self.zone(&rest, into: &offset, outOfRange: &outOfRange)
            }
            if let outOfRange { throw Failure(message: "parsing time \(Self.quote(value)): \(outOfRange) out of range") }
            if !fits { throw self.failure(value, element: element.goText, at: held) }
        }
        guard rest.isEmpty else {
            throw Failure(message: "parsing time \(Self.quote(value)): extra text: \(Self.quote(Array(rest)))")
        }
        guard day >= 1, day <= DockerTimestamp.daysIn(month: Int64(month), year: Int64(year)) else {
            throw Failure(message: "parsing time \(Self.quote(value)): day out of range")
        }
        let days = DockerTimestamp.daysSince1970(year: Int64(year), month: Int64(month), day: Int64(day))
        return (days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset), nanoseconds)
    }

    private func hasFraction(after index: Int) -> Bool {
        guard index + 1 < self.elements.count, case .fraction = self.elements[index + 1] else { return false }
        return true
    }

    /// `parsing time "V" as "LAYOUT": cannot parse "REST" as "ELEMENT"`.
    private func failure(_ value: [UInt8], element: String, at rest: ArraySlice<UInt8>) -> Failure {
        Failure(
            message: "parsing time \(Self.quote(value)) as \(Self.quote(Array(self.goText.utf8))): cannot parse "
                + "\(Self.quote(Array(rest))) as \(Self.quote(Array(element.utf8)))")
    }

    /// Go's `getnum`: one digit, or two; `fixed` wants two.
    private static func take(_ rest: inout ArraySlice<UInt8>, fixed: Bool, into field: inout Int) -> Bool {
        guard let first = rest.first, Self.isDigit(first) else { return false }
        let count = rest.dropFirst().first.map(Self.isDigit) == true ? 2 : 1
        if count == 1, fixed { return false }
        field = Self.number(rest.prefix(count))
        rest.removeFirst(count)
        return true
    }

    /// A `.` or `,` and the digits after it, as nanoseconds (Go keeps nine digits); `nil`, and
    /// nothing taken, where no digit follows.
    private static func fraction(_ rest: inout ArraySlice<UInt8>) -> Int? {
        guard let mark = rest.first, mark == UInt8(ascii: ".") || mark == UInt8(ascii: ","),
            let next = rest.dropFirst().first, Self.isDigit(next)
        else { return nil }
        let digits = rest.dropFirst().prefix(while: Self.isDigit)
        rest.removeFirst(1 + digits.count)
        let kept = digits.prefix(9)
        return (kept.count..<9).reduce(Self.number(kept)) { value, _ in value * 10 }
    }

    /// `Z07:00`: `Z` (UTC) or `±hh:mm`, hours up to 24 and minutes up to 60, as Go takes them.
    private static func zone(_ rest: inout ArraySlice<UInt8>, into offset: inout Int, outOfRange: inout String?) -> Bool {
        if rest.first == UInt8(ascii: "Z") {
            rest.removeFirst()
            offset = 0
            return true
        }
        let field = Array(rest.prefix(6))
        guard field.count == 6, field[3] == UInt8(ascii: ":") else { return false }
        rest.removeFirst(6)
        var hours = 0
        var minutes = 0
        var digits = field[1...2]
        var fits = Self.take(&digits, fixed: true, into: &hours)
        digits = field[4...5]
        if fits { fits = Self.take(&digits, fixed: true, into: &minutes) }
        if hours > 24 { outOfRange = "time zone offset hour" }
        if minutes > 60 { outOfRange = "time zone offset minute" }
        switch field[0] {
        case UInt8(ascii: "+"): offset = hours * 3600 + minutes * 60
        case UInt8(ascii: "-"): offset = -(hours * 3600 + minutes * 60)
        default: return false
        }
        return fits
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func number(_ digits: some Collection<UInt8>) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// Go's `time.quote`: `"` and `\` escaped, any byte outside printable ASCII as `\xNN`.
    static func quote(_ bytes: [UInt8]) -> String {
        var quoted = "\""
        for byte in bytes {
            if byte < 0x20 || byte >= 0x80 {
                quoted += "\\x" + byte.hexDigits(width: 2)
            } else {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { quoted += "\\" }
                quoted.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return quoted + "\""
    }
}
