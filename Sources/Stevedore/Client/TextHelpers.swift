extension StringProtocol {
    /// The text without white space (Unicode's: spaces, tabs, line breaks) at either end, as Go's
    /// `strings.TrimSpace` trims it.
    package func trimmingWhitespace() -> String {
        let scalars = self.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension FixedWidthInteger {
    /// The value in lowercase hexadecimal, zero-padded to `width` digits.
    func hexDigits(width: Int) -> String {
        let digits = String(self, radix: 16)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}
