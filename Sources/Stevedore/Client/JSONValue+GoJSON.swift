import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension JSONValue {
    /// The value as Go's `json.Marshal` writes it: compact, map keys sorted, HTML characters
    /// and the line and paragraph separators escaped.
    var goJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail: it holds JSON already.
        var text = String(decoding: (try? encoder.encode(self)) ?? Data("null".utf8), as: UTF8.self)
        for (character, escape) in [("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u{2028}", "\\u2028"), ("\u{2029}", "\\u2029")]
        {
            text = text.replacingScalars(character, with: escape)
        }
        return text
    }
}
