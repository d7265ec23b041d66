import StevedoreText

/// A number of CPUs as docker's `opts.NanoCPUs` reads it (`ParseCPUs`: Go's `big.Rat` from the
/// text, times 10⁹), for `create`/`run`/`update --cpus` and `service --limit-cpu`/`--reserve-cpu`.
///
/// The text is a fraction of two Go integers (`3/2`, `0x10/4`; a leading `0` is octal there), or
/// a number with an optional fraction in base 10, or 2, 8 or 16 after `0b`, `0o`, `0x` (`1.5`,
/// `0x1.8`), and an optional decimal `e` or binary `p` exponent (`2e-1`, `1p3`); `_` may
/// separate digits. The count must be a whole number of billionths (`value is too precise`
/// otherwise). One beyond `Int64` is refused (`value out of range`), where docker would send it
/// wrapped around; the daemon judges the rest of the range (a negative count, more CPUs than
/// the host has).
enum NanoCPUs {
    static func parse(_ text: String) throws -> Int64 {
        let unparsable = InvalidFlagValue(reason: "failed to parse \(text) as a rational number")
        if let (numeratorText, denominatorText) = text.cut(atFirst: "/") {
            let numerator: Int64
            let denominator: UInt64
            do {
                numerator = try GoNumber.parseSigned(String(numeratorText))
                denominator = try GoNumber.parseUnsigned(String(denominatorText), base: 0, bits: 64)
            } catch GoNumber.Failure.range {
                throw Self.outOfRange
            } catch {
                throw unparsable
            }
            guard denominator > 0 else { throw unparsable }
            // numerator × 10⁹ / denominator, exactly, in 128 bits.
            let product = numerator.magnitude.multipliedFullWidth(by: 1_000_000_000)
            guard product.high < denominator else { throw Self.outOfRange }
            let (quotient, remainder) = denominator.dividingFullWidth(product)
            guard remainder == 0 else { throw Self.tooPrecise }
            return try Self.signed(quotient, negative: numerator < 0)
        }
        guard let number = Self.scan(Array(text.utf8)), !number.underscores || GoNumber.underscoresSeparateDigits(text) else {
            throw unparsable
        }
        var mantissa = number.mantissa
        guard !mantissa.isZero else { return 0 }
        // big.Rat's limits on the exponents of a nonzero number.
        guard number.powerOfFive.magnitude <= 1_000_000, number.powerOfTwo.magnitude <= 10_000_000 else { throw unparsable }
        // NanoCPUs: the number times 2⁹ × 5⁹, which must come out whole.
        var (twos, fives) = (number.powerOfTwo + 9, number.powerOfFive + 9)
        while twos < 0 {
            guard mantissa.divideExactly(by: 2) else { throw Self.tooPrecise }
            twos += 1
        }
        while fives < 0 {
            guard mantissa.divideExactly(by: 5) else { throw Self.tooPrecise }
            fives += 1
        }
        // Each factor at least doubles a nonzero value: past 64 bits it is out of range.
        for factor: UInt32 in [2, 5] {
            for _ in 0..<(factor == 2 ? twos : fives) {
                mantissa.multiply(by: factor)
                guard mantissa.uint64 != nil else { throw Self.outOfRange }
            }
        }
        guard let magnitude = mantissa.uint64 else { throw Self.outOfRange }
        return try Self.signed(magnitude, negative: number.negative)
    }

    private static let outOfRange = InvalidFlagValue(reason: "value out of range")
    private static let tooPrecise = InvalidFlagValue(reason: "value is too precise")

    private static func signed(_ magnitude: UInt64, negative: Bool) throws -> Int64 {
        guard magnitude <= UInt64(Int64.max) else { throw Self.outOfRange }
        return negative ? -Int64(magnitude) : Int64(magnitude)
    }

    /// A number that is not a fraction: its digits as a whole number, and the powers of 2 and 5
    /// its point and exponent multiply them by.
    private struct Scanned {
        var negative = false
        var mantissa = Natural()
        var powerOfTwo = 0
        var powerOfFive = 0
        var underscores = false
    }

    /// `bytes` read as big.Rat reads a number without `/` (a sign, `nat.scan` with a fraction,
    /// `scanExponent`), nil when they are not one.
    private static func scan(_ bytes: [UInt8]) -> Scanned? {
        var scanned = Scanned()
        var rest = bytes[...]
        if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            scanned.negative = sign == UInt8(ascii: "-")
            rest = rest.dropFirst()
        }
        var base: UInt32 = 10
        if rest.count >= 2, rest.first == UInt8(ascii: "0"), let marker = rest.dropFirst().first {
            switch marker | 0x20 {
            case UInt8(ascii: "b"): base = 2
            case UInt8(ascii: "o"): base = 8
            case UInt8(ascii: "x"): base = 16
            default: break
            }
            if base != 10 { rest = rest.dropFirst(2) }
        }
        // Bits per digit of the power-of-two bases, for the point.
        let bitsPerDigit = [2: 1, 8: 3, 16: 4][Int(base)]
        var digits = 0
        var sawPoint = false
        while let byte = rest.first {
            if byte == UInt8(ascii: "_") {
                scanned.underscores = true
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else if let digit = Self.digitValue(byte), digit < base {
                scanned.mantissa.multiply(by: base, adding: digit)
                digits += 1
                if sawPoint {
                    scanned.powerOfTwo -= bitsPerDigit ?? 1
                    if bitsPerDigit == nil { scanned.powerOfFive -= 1 }
                }
            } else {
                break
            }
            rest = rest.dropFirst()
        }
        guard digits > 0 else { return nil }
        if let marker = rest.first, marker | 0x20 == UInt8(ascii: "e") || marker | 0x20 == UInt8(ascii: "p") {
            rest = rest.dropFirst()
            var exponentText = ""
            if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponentText = sign == UInt8(ascii: "-") ? "-" : ""
                rest = rest.dropFirst()
            }
            while let byte = rest.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") {
                if byte == UInt8(ascii: "_") { scanned.underscores = true } else { exponentText.append(Character(UnicodeScalar(byte))) }
                rest = rest.dropFirst()
            }
            guard let exponent = Int(exponentText) else { return nil }
            scanned.powerOfTwo += exponent
            if marker | 0x20 == UInt8(ascii: "e") { scanned.powerOfFive += exponent }
        }
        return rest.isEmpty ? scanned : nil
    }

    /// A digit of bases up to 16 (letters in either case), nil for anything else.
    private static func digitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte | 0x20 - UInt8(ascii: "a") + 10)
        default: nil
        }
    }

    /// A whole number of any size, in little-endian 32-bit limbs without high zero limbs: a
    /// mantissa's digits may not fit 64 bits before its exponent scales them.
    private struct Natural {
        private var limbs: [UInt32] = []

        var isZero: Bool { self.limbs.isEmpty }

        /// The value, when it fits 64 bits.
        var uint64: UInt64? {
            switch self.limbs.count {
            case 0: 0
            case 1: UInt64(self.limbs[0])
            case 2: UInt64(self.limbs[1]) << 32 | UInt64(self.limbs[0])
            default: nil
            }
        }

        mutating func multiply(by factor: UInt32, adding addend: UInt32 = 0) {
            var carry = UInt64(addend)
            for index in self.limbs.indices {
                let product = UInt64(self.limbs[index]) * UInt64(factor) + carry
                self.limbs[index] = UInt32(truncatingIfNeeded: product)
                carry = product >> 32
            }
            if carry > 0 { self.limbs.append(UInt32(carry)) }
        }

        /// Divides by `divisor` when it divides the value; false, and unchanged, otherwise.
        mutating func divideExactly(by divisor: UInt32) -> Bool {
            var quotient = self.limbs
            var remainder: UInt64 = 0
            for index in self.limbs.indices.reversed() {
                let dividend = remainder << 32 | UInt64(self.limbs[index])
                quotient[index] = UInt32(dividend / UInt64(divisor))
                remainder = dividend % UInt64(divisor)
            }
            guard remainder == 0 else { return false }
            while quotient.last == 0 { quotient.removeLast() }
            self.limbs = quotient
            return true
        }
    }
}
