/// A string equal to another, hashed and ordered by its UTF-8 bytes, as Go compares strings.
///
/// `String` takes canonically equivalent texts for one: `café` with a precomposed `é` and
/// with `e` and a combining accent are one key of a `Set<String>` or a `Dictionary`. A daemon
/// keeps them apart (two labels, two filter values, two file names), and so must whatever
/// collects them on the way to it.
package struct ExactText: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The text.
    package let text: String

    package init(_ text: String) {
        self.text = text
    }

    package var description: String { self.text }

    package static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    package func hash(into hasher: inout Hasher) {
        for byte in self.text.utf8 { hasher.combine(byte) }
        hasher.combine(0xFF as UInt8)  // never a UTF-8 byte: ends the text
    }

    /// Byte order, the order of Go's `sort.Strings` and of the keys `encoding/json` writes.
    package static func < (lhs: ExactText, rhs: ExactText) -> Bool {
        lhs.text.utf8.lexicographicallyPrecedes(rhs.text.utf8)
    }
}
