extension GoTime {
    /// Go's `time.Time.Format`: `layout` shows how Go's reference time, `Mon Jan 2 15:04:05 MST
    /// 2006`, would look; each of its elements (`2006`, `Jan`, `_2`, `.000`, `Z07:00`…) is
    /// replaced by this time's, the rest copied. Elements are recognized as Go's
    /// `nextStdChunk` recognizes them: `Jan` and `Mon` not before a lower-case letter, a
    /// fraction only where no digit follows it.
    public func format(_ layout: String) -> String {
        let fields = self.fields
        var output: [UInt8] = []
        var rest = Array(layout.utf8)[...]
        while let first = rest.first {
            guard let (element, length) = Self.element(at: rest) else {
                output.append(first)
                rest = rest.dropFirst()
                continue
            }
            rest = rest.dropFirst(length)
            output += self.text(of: element, fields).utf8
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// One of Go's layout elements.
    enum LayoutElement {
        case longMonth, month, numMonth, zeroMonth
        case longWeekday, weekday
        case day, underDay, zeroDay, underYearDay, zeroYearDay
        case hour, hour12, zeroHour12, minute, zeroMinute, second, zeroSecond
        case longYear, year, pm, lowerPM
        /// `MST`: the zone's abbreviation, or its offset where it has none.
        case zoneName
        /// `-0700`, `-07:00`, `-07`, `-070000`, `-07:00:00`; `iso` (`Z0700`…) writes `Z` for UTC.
        case offset(colons: Bool, minutes: Bool, seconds: Bool, iso: Bool)
        /// `.000` (`trimmed: false`) or `.999`: `digits` of the fraction after `separator`,
        /// the `9` form without trailing zeros and nothing for a whole second.
        case fraction(separator: Character, digits: Int, trimmed: Bool)
    }

    /// The element the bytes of `text` start with and its length, if they start with one.
    static func element(at text: ArraySlice<UInt8>) -> (LayoutElement, Int)? {
        func starts(_ prefix: String) -> Bool { text.starts(with: prefix.utf8) }
        func byte(_ offset: Int) -> UInt8? { text.dropFirst(offset).first }
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? false }
        /// Whether the byte after `length` is a lower-case letter.
        func lowerAfter(_ length: Int) -> Bool { byte(length).map { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) } ?? false }
        switch byte(0).map(Unicode.Scalar.init) {
        case "J" where starts("January"): return (.longMonth, 7)
        case "J" where starts("Jan") && !lowerAfter(3): return (.month, 3)
        case "M" where starts("Monday"): return (.longWeekday, 6)
        case "M" where starts("Mon") && !lowerAfter(3): return (.weekday, 3)
        case "M" where starts("MST"): return (.zoneName, 3)
        case "0" where (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(byte(1) ?? 0):
            let elements: [LayoutElement] = [.zeroMonth, .zeroDay, .zeroHour12, .zeroMinute, .zeroSecond, .year]
            return (elements[Int((byte(1) ?? 0) - UInt8(ascii: "1"))], 2)
        case "0" where starts("002"): return (.zeroYearDay, 3)
        case "1" where starts("15"): return (.hour, 2)
        case "1": return (.numMonth, 1)
        case "2" where starts("2006"): return (.longYear, 4)
        case "2": return (.day, 1)
        case "_" where starts("_2006"): return nil  // a literal `_`, then the year
        case "_" where starts("_2"): return (.underDay, 2)
        case "_" where starts("__2"): return (.underYearDay, 3)
        case "3": return (.hour12, 1)
        case "4": return (.minute, 1)
        case "5": return (.second, 1)
        case "P" where starts("PM"): return (.pm, 2)
        case "p" where starts("pm"): return (.lowerPM, 2)
        case "-", "Z":
            let iso = byte(0) == UInt8(ascii: "Z")
            let sign = iso ? "Z" : "-"
            for (form, colons, minutes, seconds) in [
                ("070000", false, true, true), ("07:00:00", true, true, true), ("0700", false, true, false),
                ("07:00", true, true, false), ("07", false, false, false),
            ] where starts(sign + form) {
                return (.offset(colons: colons, minutes: minutes, seconds: seconds, iso: iso), form.utf8.count + 1)
            }
            return nil
        case ".", ",":
            guard let digit = byte(1), digit == UInt8(ascii: "0") || digit == UInt8(ascii: "9") else { return nil }
            let digits = text.dropFirst().prefix { $0 == digit }.count
            // Only a run of digits that ends there is a fraction.
            if isDigit(byte(digits + 1)) { return nil }
            let separator = Character(Unicode.Scalar(byte(0) ?? UInt8(ascii: ".")))
            return (.fraction(separator: separator, digits: digits, trimmed: digit == UInt8(ascii: "9")), digits + 1)
        default: return nil
        }
    }

    private func text(of element: LayoutElement, _ fields: Fields) -> String {
        func padded(_ value: Int64, _ width: Int, with pad: Character = "0") -> String {
            let digits = String(value.magnitude)
            return (value < 0 ? "-" : "") + String(repeating: pad, count: max(0, width - digits.count)) + digits
        }
        func padded(_ value: Int, _ width: Int, with pad: Character = "0") -> String { padded(Int64(value), width, with: pad) }
        switch element {
        case .longMonth: return Self.monthNames[fields.month - 1]
        case .month: return String(Self.monthNames[fields.month - 1].prefix(3))
        case .numMonth: return String(fields.month)
        case .zeroMonth: return padded(fields.month, 2)
        case .longWeekday: return Self.weekdayNames[fields.weekday]
        case .weekday: return String(Self.weekdayNames[fields.weekday].prefix(3))
        case .day: return String(fields.day)
        case .underDay: return padded(fields.day, 2, with: " ")
        case .zeroDay: return padded(fields.day, 2)
        case .underYearDay: return padded(fields.dayOfYear, 3, with: " ")
        case .zeroYearDay: return padded(fields.dayOfYear, 3)
        case .hour: return padded(fields.hour, 2)
        case .hour12: return String(fields.hour % 12 == 0 ? 12 : fields.hour % 12)
        case .zeroHour12: return padded(fields.hour % 12 == 0 ? 12 : fields.hour % 12, 2)
        case .minute: return String(fields.minute)
        case .zeroMinute: return padded(fields.minute, 2)
        case .second: return String(fields.second)
        case .zeroSecond: return padded(fields.second, 2)
        case .longYear: return padded(fields.year, 4)
        case .year: return padded(abs(fields.year % 100), 2)
        case .pm: return fields.hour >= 12 ? "PM" : "AM"
        case .lowerPM: return fields.hour >= 12 ? "pm" : "am"
        case .zoneName where !self.zoneName.isEmpty: return self.zoneName
        case .zoneName: return self.offsetText(colons: false, minutes: true, seconds: false)
        case .offset(_, _, _, iso: true) where self.utcOffset == 0: return "Z"
        case .offset(let colons, let minutes, let seconds, _): return self.offsetText(colons: colons, minutes: minutes, seconds: seconds)
        case .fraction(let separator, let digits, let trimmed):
            if trimmed, digits == 0 || self.nanoseconds == 0 { return "" }
            var text = String(padded(self.nanoseconds, 9).prefix(digits))
            if trimmed { text = String(text.reversed().drop { $0 == "0" }.reversed()) }
            return text.isEmpty ? "" : String(separator) + text
        }
    }

    /// The zone's offset as `+hh`, then `mm` and `ss` as asked, each after a colon with `colons`.
    private func offsetText(colons: Bool, minutes: Bool, seconds: Bool) -> String {
        let magnitude = self.utcOffset.magnitude
        func two(_ value: UInt) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var text = (self.utcOffset < 0 ? "-" : "+") + two(magnitude / 3_600)
        if minutes { text += (colons ? ":" : "") + two(magnitude / 60 % 60) }
        if seconds { text += (colons ? ":" : "") + two(magnitude % 60) }
        return text
    }
}
