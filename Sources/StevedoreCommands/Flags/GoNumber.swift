import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Numbers read as Go's `strconv` reads the values of docker's numeric flags, so that a value
/// docker takes is taken and a refused one fails with docker's words: integers in base 0
/// (`42`, `0x2a`, `0o52`, `052`, `0b101010`, `1_000`, a leading `+` or `-` for signed ones), or in
/// a fixed base; floats as `ParseFloat` reads them. Messages quote the text as Go's
/// `strconv.Quote` does.
enum GoNumber {
    /// Why `strconv` refused a number.
    enum Failure: Error {
        case syntax, range

        /// `strconv`'s words: `invalid syntax`, `value out of range`.
        var reason: String {
            switch self {
            case .syntax: "invalid syntax"
            case .range: "value out of range"
            }
        }
    }

    /// `strconv.ParseUint(text, base, bits)`; a refused value throws ``InvalidFlagValue`` with
    /// `strconv`'s message (`strconv.ParseUint: parsing "x": invalid syntax`).
    static func unsigned(_ text: String, base: Int = 0, bits: Int = 64) throws -> UInt64 {
        do {
            return try Self.parseUnsigned(text, base: base, bits: bits)
        } catch let failure as Failure {
            throw InvalidFlagValue(reason: "strconv.ParseUint: parsing \(GoQuote.quote(text)): \(failure.reason)")
        }
    }

    /// `strconv.ParseInt(text, 0, 64)`, with `strconv`'s message when refused.
    static func signed(_ text: String) throws -> Int64 {
        try Self.integer(text, as: Int64.self)
    }

    /// `text` as docker's flags of Go's integer types read it (spf13/pflag): `ParseInt(text, 0,
    /// bits)` for a signed `Value`, `ParseUint(text, 0, bits)` for an unsigned one, `bits` being
    /// `Value`'s width (pflag's `int` and `uint` are 64 bits: `Int`, `UInt`); another `base` for
    /// docker's own parsers that give one. A refused value throws ``InvalidFlagValue`` with
    /// `strconv`'s message.
    static func integer<Value: FixedWidthInteger>(_ text: String, as _: Value.Type, base: Int = 0) throws -> Value {
        precondition(Value.bitWidth <= 64, "strconv reads at most 64 bits")
        guard Value.isSigned else { return Value(try Self.unsigned(text, base: base, bits: Value.bitWidth)) }
        do {
            return Value(try Self.parseSigned(text, base: base, bits: Value.bitWidth))
        } catch let failure as Failure {
            throw InvalidFlagValue(reason: "strconv.ParseInt: parsing \(GoQuote.quote(text)): \(failure.reason)")
        }
    }

    /// `strconv.Atoi(text)`: decimal digits after an optional sign, nothing else (no base
    /// prefix, no `_`), in 64 bits.
    static func atoi(_ text: String) throws(Failure) -> Int {
        let digits = text.first == "+" || text.first == "-" ? text.utf8.dropFirst() : Substring(text).utf8
        guard !digits.isEmpty, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { throw .syntax }
        guard let value = Int(text) else { throw .range }
        return value
    }

    /// `strconv.ParseFloat(text, bits)`, `bits` 32 or 64, with `strconv`'s message when refused.
    /// A 32-bit value is returned as read, not rounded to `Float`: JSON carries it in decimal,
    /// as Go encodes a `float32`.
    static func float(_ text: String, bits: Int = 64) throws -> Double {
        do {
            return try Self.parseFloat(text, bits: bits)
        } catch let failure as Failure {
            throw InvalidFlagValue(reason: "strconv.ParseFloat: parsing \(GoQuote.quote(text)): \(failure.reason)")
        }
    }

    /// `strconv.ParseFloat(text, bits)`, throwing the bare ``Failure``. Go's syntax, which
    /// Swift's `Double(_:)` does not share: a decimal number with an optional `e` exponent, or a
    /// hexadecimal one (`0x1.8p1`) whose `p` exponent is required; `_` only between digits (or
    /// after the base prefix); `inf`, `infinity` (signed or not) and `nan` in any case. Beyond the
    /// type's largest finite value is out of range.
    static func parseFloat(_ text: String, bits: Int) throws -> Double {
        switch text.lowercased() {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan": return .nan
        default: break
        }
        let bytes = Array(text.utf8)
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        let isHex = index + 2 < bytes.count && bytes[index] == UInt8(ascii: "0") && bytes[index + 1] | 0x20 == UInt8(ascii: "x")
        if isHex { index += 2 }
        var mantissaDigits = 0
        var sawDot = false
        var underscores = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "_") {
                underscores = true
            } else if byte == UInt8(ascii: ".") && !sawDot {
                sawDot = true
            } else if isDigit(byte) || (isHex && (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)) {
                mantissaDigits += 1
            } else {
                break
            }
            index += 1
        }
        guard mantissaDigits > 0 else { throw Failure.syntax }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: isHex ? "p" : "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            // The exponent starts with a digit; `_` may separate the ones after it.
            guard index < bytes.count, isDigit(bytes[index]) else { throw Failure.syntax }
            while index < bytes.count, isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_") {
                underscores = underscores || bytes[index] == UInt8(ascii: "_")
                index += 1
            }
        } else if isHex {
            throw Failure.syntax
        }
        guard index == bytes.count, !underscores || Self.underscoresSeparateDigits(text) else { throw Failure.syntax }
        // The syntax is Go's; what is left, without the underscores, Swift reads alike.
        let digits = String(decoding: bytes.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        guard let value = Double(digits) else { throw Failure.syntax }
        // Rounded once to the bit size, as Go rounds: not through the Double.
        let inRange = bits == 32 ? Float(digits)?.isFinite == true : value.isFinite
        guard inRange else { throw Failure.range }
        return value
    }

    /// `strconv.ParseInt(text, base, bits)`, throwing the bare ``Failure``. As Go's, the magnitude
    /// is read as `ParseUint(_, base, bits)` reads it, so that a value too large for `bits` is out
    /// of range as soon as its digits are, whatever follows them (`70000x` in 16 bits).
    static func parseSigned(_ text: String, base: Int = 0, bits: Int = 64) throws -> Int64 {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        let magnitude = try Self.parseUnsigned(String(digits), base: base, bits: bits)
        let limit = UInt64(1) << (bits - 1)
        if negative {
            guard magnitude <= limit else { throw Failure.range }
            // Two's complement: exact for every magnitude up to 2^63 (Int64.min).
            return Int64(bitPattern: 0 &- magnitude)
        }
        guard magnitude < limit else { throw Failure.range }
        return Int64(magnitude)
    }

    /// `strconv.ParseUint(text, base, bits)`, throwing the bare ``Failure``. Base 0 reads Go's
    /// prefixes (`0x`, `0o`, `0b`, a leading `0` for octal) and allows `_` between digits.
    static func parseUnsigned(_ text: String, base requestedBase: Int, bits: Int) throws -> UInt64 {
        guard !text.isEmpty else { throw Failure.syntax }
        var digits = Substring(text)
        var base = UInt64(requestedBase)
        if requestedBase == 0 {
            base = 10
            if digits.first == "0" {
                let marker = digits.count >= 3 ? digits.dropFirst().first?.lowercased() : nil
                switch marker {
                case "b"?: (base, digits) = (2, digits.dropFirst(2))
                case "o"?: (base, digits) = (8, digits.dropFirst(2))
                case "x"?: (base, digits) = (16, digits.dropFirst(2))
                default: (base, digits) = (8, digits.dropFirst())
                }
            }
        }
        let maximum = bits >= 64 ? UInt64.max : (UInt64(1) << bits) - 1
        var value: UInt64 = 0
        var sawUnderscore = false
        for character in digits {
            if character == "_" && requestedBase == 0 {
                sawUnderscore = true
                continue
            }
            guard character.isASCII, let digit = character.hexDigitValue ?? Self.letterValue(character), UInt64(digit) < base else {
                throw Failure.syntax
            }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: base)
            let (sum, carry) = shifted.addingReportingOverflow(UInt64(digit))
            guard !overflow, !carry, sum <= maximum else { throw Failure.range }
            value = sum
        }
        if sawUnderscore && !Self.underscoresSeparateDigits(text) { throw Failure.syntax }
        return value
    }

    /// Letters beyond `f` as digits of bases up to 36 (`g` is 16), as `strconv` reads them.
    private static func letterValue(_ character: Character) -> Int? {
        guard character.isASCII, character.isLetter, let ascii = character.lowercased().unicodeScalars.first?.value else { return nil }
        return Int(ascii) - Int(("a" as Unicode.Scalar).value) + 10
    }

    /// Go's `underscoreOK`: every `_` stands between two digits (a base prefix counting as one).
    static func underscoresSeparateDigits(_ text: String) -> Bool {
        var characters = Substring(text)
        if let sign = characters.first, sign == "+" || sign == "-" { characters = characters.dropFirst() }
        var last: Character = "^"
        var hex = false
        if characters.count >= 2, characters.first == "0", let marker = characters.dropFirst().first?.lowercased(),
            ["b", "o", "x"].contains(marker)
        {
            characters = characters.dropFirst(2)
            last = "0"
            hex = marker == "x"
        }
        for character in characters {
            if character.isASCII && (character.isNumber || (hex && character.isHexDigit)) {
                last = "0"
            } else if character == "_" {
                guard last == "0" else { return false }
                last = "_"
            } else {
                guard last != "_" else { return false }
                last = "!"
            }
        }
        return last != "_"
    }
}
