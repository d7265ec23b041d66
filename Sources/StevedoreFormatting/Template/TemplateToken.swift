/// One lexical item of a template, as Go's `text/template/parse` lexer emits it.
struct TemplateToken: Equatable {
    enum Kind: Equatable {
        case text, leftDelim, rightDelim, space
        case field, variable, identifier, keyword, dot
        case string, rawString, char, number, bool, nilValue
        case pipe, leftParen, rightParen, declare, assign, comma
        case eof
    }

    let kind: Kind
    /// The item's source text (for `text`, the text after trimming).
    let text: String
    /// Byte offset of the item in the template.
    let position: Int
    /// 1-based line on which the item starts.
    let line: Int

    /// Go's `item.String()`, used in "unexpected …" parse errors.
    var goDescription: String {
        switch kind {
        case .eof: return "EOF"
        case .keyword: return "<\(text)>"
        case .leftDelim: return "\"{{\""
        case .rightDelim: return "\"}}\""
        default:
            let quoted = GoQuote.quote(text)
            if text.unicodeScalars.count > 10 {
                return GoQuote.quote(String(String.UnicodeScalarView(text.unicodeScalars.prefix(10)))) + "..."
            }
            return quoted
        }
    }

    static let keywords: Set<String> = ["if", "else", "end", "range", "with", "break", "continue", "define", "template", "block"]
}
