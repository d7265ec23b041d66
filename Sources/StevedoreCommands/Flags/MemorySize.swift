import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// docker's memory sizes, read as go-units' `RAMInBytes` reads them: a number (Go's
/// `ParseFloat`), an optional space, then an optional unit, case-insensitive: `b`, or `k`, `m`,
/// `g`, `t`, `p` (binary multiples) alone or followed by `b` or `ib` (`1KiB`, `2 MiB`, `64m`,
/// `1.5g`). The messages are go-units' and `strconv`'s.
enum MemorySize {
    private static let multipliers: [Character: Double] = ["k": 0x1p10, "m": 0x1p20, "g": 0x1p30, "t": 0x1p40, "p": 0x1p50]

    static func parse(_ text: String) throws -> Int64 {
        // The number ends at the last digit, dot or space; a space there separates the unit.
        guard let end = text.lastIndex(where: { $0.isASCII && ($0.isNumber || $0 == "." || $0 == " ") }) else {
            throw InvalidFlagValue(reason: "invalid size: '\(text)'")
        }
        let number = text[end] == " " ? text[..<end] : text[...end]
        let suffix = text[text.index(after: end)...].lowercased()
        let size = try GoNumber.float(String(number))
        guard size >= 0 else { throw InvalidFlagValue(reason: "invalid size: '\(text)'") }
        var multiplier = 1.0
        if let unit = suffix.first, unit != "b" {
            guard suffix.count <= 3, let value = Self.multipliers[unit],
                suffix.dropFirst().isEmpty || suffix.dropFirst() == "b"
                    || suffix.dropFirst() == "ib"
            else { throw InvalidFlagValue(reason: "invalid suffix: '\(suffix)'") }
            multiplier = value
        } else if suffix.count > 1 {
            throw InvalidFlagValue(reason: "invalid suffix: '\(suffix)'")
        }
        // Go converts an overflowing float to a meaningless integer; such a size is refused here.
        let bytes = size * multiplier
        guard bytes.isFinite, bytes < 0x1p63 else { throw InvalidFlagValue(reason: "invalid size: '\(text)'") }
        return Int64(bytes)
    }

    /// `--kernel-memory` of `create` and `update`, when given.
    static func kernelMemory(_ text: String?) throws -> Int64? {
        try text.map { try FlagValue.parse($0, for: "--kernel-memory", Self.parse) }
    }

    /// A size, or `-1` for no limit (`--memory-swap`).
    static func parseOrUnlimited(_ text: String) throws -> Int64 {
        text == "-1" ? -1 : try Self.parse(text)
    }
}
