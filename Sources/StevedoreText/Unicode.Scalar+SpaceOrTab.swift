extension Unicode.Scalar {
    /// Whether this is a space or a tab: the white space docker's CLI refuses in the key of a
    /// label or of an environment file's line (its `whiteSpaces`), narrower than Unicode's.
    package var isSpaceOrTab: Bool { self == " " || self == "\t" }
}
