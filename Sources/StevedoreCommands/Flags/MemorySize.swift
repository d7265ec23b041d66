import Foundation
import Stevedore

/// docker's memory sizes (`RAMInBytes`): a number with an optional `b`, `k`, `m`, `g`, `t`, `p`
/// suffix (binary multiples, case-insensitive, an optional trailing `b`).
enum MemorySize {
    static func parse(_ text: String) throws -> Int64 {
        var lower = text.lowercased().trimmingCharacters(in: .whitespaces)
        if lower.hasSuffix("b") && lower.count > 1 && !lower.dropLast().last!.isNumber { lower.removeLast() }
        let multipliers: [Character: Int64] = ["b": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50]
        var multiplier: Int64 = 1
        if let last = lower.last, let value = multipliers[last] {
            multiplier = value
            lower.removeLast()
        }
        guard let number = Double(lower), number >= 0, number * Double(multiplier) < Double(Int64.max) else {
            throw InvalidFlagValue(reason: "invalid size: '\(text)'")
        }
        return Int64(number * Double(multiplier))
    }

    /// A size, or `-1` for no limit (`--memory-swap`).
    static func parseOrUnlimited(_ text: String) throws -> Int64 {
        text == "-1" ? -1 : try Self.parse(text)
    }
}
