extension StringProtocol where SubSequence == Substring {
    /// The pieces of the text between occurrences of `separator`, found scalar by scalar as Go's
    /// `strings.Split` and `strings.SplitN` find bytes.
    ///
    /// `split(separator:)` compares `Character`s, and Unicode joins a separator to its
    /// neighbours when a combining mark follows it or a prepended concatenation mark (U+0600…)
    /// precedes it: `A=\u{301}x` would then have no `=`, and `../\u{301}x` no `..` component,
    /// where docker sees one. Empty pieces are kept unless `omittingEmptySubsequences`, and at
    /// most `maxSplits` splits are made (the last piece holds the rest).
    package func split(
        scalar separator: Unicode.Scalar, maxSplits: Int = .max, omittingEmptySubsequences: Bool = true
    ) -> [Substring] {
        self[...].unicodeScalars
            .split(separator: separator, maxSplits: maxSplits, omittingEmptySubsequences: omittingEmptySubsequences)
            .map(Substring.init)
    }

    /// The text before and after the first `separator` (Go's `strings.Cut`), found scalar by
    /// scalar; `nil` when there is none.
    package func cut(atFirst separator: Unicode.Scalar) -> (before: Substring, after: Substring)? {
        let text = self[...]
        guard let index = text.unicodeScalars.firstIndex(of: separator) else { return nil }
        return (text[..<index], text[text.unicodeScalars.index(after: index)...])
    }

    /// The text before and after the last `separator`, found scalar by scalar; `nil` when there
    /// is none.
    package func cut(atLast separator: Unicode.Scalar) -> (before: Substring, after: Substring)? {
        let text = self[...]
        guard let index = text.unicodeScalars.lastIndex(of: separator) else { return nil }
        return (text[..<index], text[text.unicodeScalars.index(after: index)...])
    }

    /// The lines of the text as Go's `bufio.Scanner` reads them with `ScanLines`: split at each
    /// `"\n"`, one `"\r"` at the end of a line dropped, no empty line after a final `"\n"`.
    /// (Splitting Characters at `"\r\n"` would also eat the `"\r"` of `"a\r\r\n"`, which Go keeps.)
    package func scannedLines() -> [Substring] {
        var lines = self.split(scalar: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { $0.cut(suffix: "\r") ?? $0 }
    }

    /// Whether `scalar` occurs in the text, scalar by scalar (as Go's `strings.ContainsRune`).
    package func contains(scalar: Unicode.Scalar) -> Bool {
        self.unicodeScalars.contains(scalar)
    }
}
