extension StringProtocol {
    /// Whether the text's UTF-8 bytes start with `prefix`'s, as Go's `strings.HasPrefix` compares.
    ///
    /// `hasPrefix` compares `Character`s, and canonically equivalent spellings as equal: a `/`
    /// followed by a combining mark is not a `/` to it (`/\u{301}x` does not start with `/`),
    /// and `cafe\u{301}` starts with `café`. docker sees a leading `/` in the first and two
    /// different names in the second.
    package func hasBytePrefix(_ prefix: some StringProtocol) -> Bool {
        self.utf8.starts(with: prefix.utf8)
    }

    /// Whether the text's UTF-8 bytes end with `suffix`'s, as Go's `strings.HasSuffix` compares
    /// (see ``hasBytePrefix(_:)``).
    package func hasByteSuffix(_ suffix: some StringProtocol) -> Bool {
        self.utf8.reversed().starts(with: suffix.utf8.reversed())
    }
}

extension StringProtocol where SubSequence == Substring {
    /// The text after `prefix` when its bytes start with `prefix`'s (Go's `strings.CutPrefix`);
    /// `nil` otherwise. Taken by bytes too: `dropFirst(prefix.count)` drops Characters, and so
    /// a combining mark that follows the prefix with its last character.
    package func cut(prefix: some StringProtocol) -> Substring? {
        guard self.hasBytePrefix(prefix) else { return nil }
        let text = self[...]
        return text[text.utf8.index(text.startIndex, offsetBy: prefix.utf8.count)...]
    }

    /// The text before `suffix` when its bytes end with `suffix`'s (Go's `strings.CutSuffix`);
    /// `nil` otherwise (see ``cut(prefix:)``).
    package func cut(suffix: some StringProtocol) -> Substring? {
        guard self.hasByteSuffix(suffix) else { return nil }
        let text = self[...]
        return text[..<text.utf8.index(text.endIndex, offsetBy: -suffix.utf8.count)]
    }
}
