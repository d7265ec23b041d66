extension StringProtocol {
    /// The text with every run of Unicode scalars equal to `target`'s replaced by `replacement`,
    /// compared scalar by scalar as Go's `strings.ReplaceAll` compares bytes: `\t` followed by a
    /// combining mark is one `Character`, and its `\t` is still replaced.
    package func replacingScalars(_ target: some StringProtocol, with replacement: some StringProtocol) -> String {
        String(String(self).unicodeScalars.replacing(target.unicodeScalars, with: replacement.unicodeScalars))
    }

    /// The text with every Unicode scalar that `isReplaced` accepts replaced by `replacement`
    /// (removed when it is empty).
    package func replacingScalars(
        where isReplaced: (Unicode.Scalar) -> Bool, with replacement: some StringProtocol
    ) -> String {
        var result = String.UnicodeScalarView()
        for scalar in self.unicodeScalars {
            if isReplaced(scalar) {
                result.append(contentsOf: replacement.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
