extension StringProtocol {
    /// The text without the Unicode scalars at either end that `isTrimmed` accepts, taken scalar by
    /// scalar as Go's `strings.TrimFunc` takes runes: a combining mark after a trimmed quote is
    /// not part of it and stays.
    package func trimming(while isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = self.unicodeScalars
        // Usually there is nothing to trim: the text is then taken whole, without going through
        // its scalars again to rebuild it.
        if let head = scalars.first, let tail = scalars.last, !isTrimmed(head), !isTrimmed(tail) {
            return String(self)
        }
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
            let last = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// The text without white space (Unicode's: spaces, tabs, line breaks) at either end, as Go's
    /// `strings.TrimSpace` trims it.
    package func trimmingWhitespace() -> String {
        self.trimming(while: \.properties.isWhitespace)
    }
}
