/// How many terminal columns text takes, close to how docker's tables measure their cells
/// (go-runewidth's `StringWidth` outside East Asian locales): each grapheme cluster is as wide
/// as its first scalar that has a width; East Asian Wide and Fullwidth characters (ideographs,
/// kana, Hangul, most emoji) take two columns, control characters, go-runewidth's invisible
/// ones (zero-width spaces, bidirectional controls) and combining marks none, the rest one.
///
/// Where they differ: a combining mark that starts a cluster (go-runewidth counts fewer marks
/// as combining), characters Unicode made wide after the table's version, and, in a Chinese,
/// Japanese or Korean locale, characters of ambiguous width (`±`, `°`), which go-runewidth
/// then takes as two columns.
enum DisplayWidth {
    /// The columns `text` takes.
    static func of(_ text: some StringProtocol) -> Int {
        var width = 0
        for character in text {
            width += character.unicodeScalars.lazy.map(Self.of).first { $0 > 0 } ?? 0
        }
        return width
    }

    /// The columns one scalar takes on its own.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xAD { return 0 }
        if value < 0x300 { return 1 }
        if Self.invisible.contains(where: { $0.contains(value) }) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return 0
        default: return Self.isWide(value) ? 2 : 1
        }
    }

    /// The characters go-runewidth shows in no column besides controls: zero-width spaces and
    /// joiners, bidirectional marks, the byte order mark, interlinear annotations.
    private static let invisible: [ClosedRange<UInt32>] = [
        0x070F...0x070F, 0x180B...0x180E, 0x200B...0x200F, 0x2028...0x202E, 0x206A...0x206F, 0xFEFF...0xFEFF,
        0xFFF9...0xFFFB, 0xFFFE...0xFFFF,
    ]

    /// Whether East Asian Width calls `value` Wide or Fullwidth: a binary search of
    /// ``wideRanges``.
    private static func isWide(_ value: UInt32) -> Bool {
        var low = 0
        var high = Self.wideRanges.count
        while low < high {
            let middle = (low + high) / 2
            let range = Self.wideRanges[middle]
            if value < range.lowerBound {
                high = middle
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
