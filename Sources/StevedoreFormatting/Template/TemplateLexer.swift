import StevedoreText

/// Splits template text into ``TemplateToken``s, following Go's `text/template/parse` lexer.
///
/// Delimiters are `{{` and `}}`. `{{- ` trims the white space before an action and ` -}}` the
/// white space after it; `{{/* … */}}` is a comment. Errors carry Go's wording.
struct TemplateLexer {
    private let bytes: [UInt8]
    private let name: String
    private var index = 0
    private var line = 1
    private var tokens: [TemplateToken] = []
    private var parenDepth = 0
    private var actionLine = 0

    init(_ text: String, name: String) {
        bytes = Array(text.utf8)
        self.name = name
    }

    static func tokenize(_ text: String, name: String) throws(TemplateError) -> [TemplateToken] {
        var lexer = TemplateLexer(text, name: name)
        try lexer.run()
        return lexer.tokens
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte >= 0x80
    }

    private func hasPrefix(_ prefix: String, at offset: Int) -> Bool {
        let utf8 = Array(prefix.utf8)
        return offset + utf8.count <= bytes.count && Array(bytes[offset..<offset + utf8.count]) == utf8
    }

    private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    private mutating func emit(_ kind: TemplateToken.Kind, from start: Int, text value: String? = nil, line startLine: Int? = nil) {
        tokens.append(TemplateToken(kind: kind, text: value ?? text(start..<index), position: start, line: startLine ?? line))
    }

    private mutating func advance(to end: Int) {
        line += bytes[index..<end].filter { $0 == 0x0A }.count
        index = end
    }

    private func failure(_ message: String) -> TemplateError {
        var text = message
        if actionLine != 0 && actionLine != line {
            text += message.hasByteSuffix(" action") ? " started at \(name):\(actionLine)" : " in action started at \(name):\(actionLine)"
        }
        return .parse(name: name, line: line, text)
    }

    /// A left delimiter with its trim marker: `{{- ` needs white space after the dash.
    private func leftTrimMarker(at offset: Int) -> Bool {
        hasPrefix("-", at: offset + 2) && offset + 3 < bytes.count && Self.isSpace(bytes[offset + 3])
    }

    /// The length of the right delimiter at `offset` (` -}}` or `}}`) and whether it trims, if any.
    private func rightDelimiter(at offset: Int) -> (length: Int, trims: Bool)? {
        if offset < bytes.count, Self.isSpace(bytes[offset]), hasPrefix("-}}", at: offset + 1) { return (4, true) }
        if hasPrefix("}}", at: offset) { return (2, false) }
        return nil
    }

    private mutating func run() throws(TemplateError) {
        var trimLeading = false
        while index < bytes.count {
            var end = index
            while end < bytes.count, !hasPrefix("{{", at: end) { end += 1 }
            var textEnd = end
            let trims = end < bytes.count && leftTrimMarker(at: end)
            if trims { while textEnd > index, Self.isSpace(bytes[textEnd - 1]) { textEnd -= 1 } }
            var textStart = index
            if trimLeading { while textStart < textEnd, Self.isSpace(bytes[textStart]) { textStart += 1 } }
            if textStart < textEnd {
                tokens.append(TemplateToken(kind: .text, text: text(textStart..<textEnd), position: textStart, line: line))
            }
            advance(to: end)
            guard index < bytes.count else { break }
            trimLeading = try lexAction(trimmingBefore: trims)
        }
        emit(.eof, from: index, text: "")
    }

    /// Lexes one `{{…}}`, returning whether it ends with a trim marker.
    private mutating func lexAction(trimmingBefore trims: Bool) throws(TemplateError) -> Bool {
        actionLine = line
        defer { actionLine = 0 }
        let start = index
        index += trims ? 3 : 2
        var commentStart = index
        while trims, commentStart < bytes.count, Self.isSpace(bytes[commentStart]) { commentStart += 1 }
        if hasPrefix("/*", at: index) || (trims && hasPrefix("/*", at: commentStart)) {
            return try lexComment(from: trims ? commentStart : index)
        }
        emit(.leftDelim, from: start, text: "{{")
        parenDepth = 0
        while true {
            if let delimiter = rightDelimiter(at: index) {
                if parenDepth > 0 { throw failure("unclosed left paren") }
                let delimiterStart = index
                index += delimiter.length
                emit(.rightDelim, from: delimiterStart, text: "}}")
                return delimiter.trims
            }
            try lexInsideAction()
        }
    }

    private mutating func lexComment(from start: Int) throws(TemplateError) -> Bool {
        var end = start + 2
        while end < bytes.count, !hasPrefix("*/", at: end) { end += 1 }
        guard end < bytes.count else { throw failure("unclosed comment") }
        advance(to: end + 2)
        guard let delimiter = rightDelimiter(at: index) else { throw failure("comment ends before closing delimiter") }
        advance(to: index + delimiter.length)
        return delimiter.trims
    }

    private mutating func lexInsideAction() throws(TemplateError) {
        guard index < bytes.count else { throw failure("unclosed action") }
        let start = index
        let byte = bytes[index]
        switch byte {
        case _ where Self.isSpace(byte):
            var end = index
            while end < bytes.count, Self.isSpace(bytes[end]), rightDelimiter(at: end)?.trims != true { end += 1 }
            let startLine = line
            advance(to: end)
            emit(.space, from: start, line: startLine)
        case UInt8(ascii: "="):
            index += 1
            emit(.assign, from: start)
        case UInt8(ascii: ":"):
            guard hasPrefix(":=", at: index) else { throw failure("expected :=") }
            index += 2
            emit(.declare, from: start)
        case UInt8(ascii: "|"):
            index += 1
            emit(.pipe, from: start)
        case UInt8(ascii: ","):
            index += 1
            emit(.comma, from: start)
        case UInt8(ascii: "\""):
            try lexQuoted(terminator: UInt8(ascii: "\""), kind: .string, unterminated: "unterminated quoted string")
        case UInt8(ascii: "'"):
            try lexQuoted(terminator: UInt8(ascii: "'"), kind: .char, unterminated: "unterminated character constant")
        case UInt8(ascii: "`"):
            var end = index + 1
            while end < bytes.count, bytes[end] != UInt8(ascii: "`") { end += 1 }
            guard end < bytes.count else { throw failure("unterminated raw quoted string") }
            let startLine = line
            advance(to: end + 1)
            emit(.rawString, from: start, line: startLine)
        case UInt8(ascii: "$"):
            index += 1
            try lexWord(kind: .variable, from: start)
        case UInt8(ascii: "."):
            if index + 1 < bytes.count, Self.isDigit(bytes[index + 1]) {
                try lexNumber()
            } else if index + 1 < bytes.count, Self.isAlphanumeric(bytes[index + 1]) {
                index += 1
                try lexWord(kind: .field, from: start)
            } else {
                index += 1
                emit(.dot, from: start)
            }
        case UInt8(ascii: "("):
            index += 1
            parenDepth += 1
            emit(.leftParen, from: start)
        case UInt8(ascii: ")"):
            parenDepth -= 1
            if parenDepth < 0 { throw failure("unexpected right paren") }
            index += 1
            emit(.rightParen, from: start)
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            try lexNumber()
        case _ where Self.isDigit(byte):
            try lexNumber()
        case _ where Self.isAlphanumeric(byte):
            try lexWord(kind: .identifier, from: start)
        default:
            throw failure("bad character \(GoQuote.unicodeDescription(of: currentScalar()))")
        }
    }

    private func currentScalar() -> Unicode.Scalar {
        var iterator = bytes[index...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return "\u{FFFD}"
    }

    private mutating func lexWord(kind: TemplateToken.Kind, from start: Int) throws(TemplateError) {
        while index < bytes.count, Self.isAlphanumeric(bytes[index]) { index += 1 }
        let word = text(start..<index)
        if index < bytes.count, rightDelimiter(at: index) == nil {
            let next = bytes[index]
            let terminators: Set<UInt8> = [0x2E, 0x2C, 0x7C, 0x3A, 0x29, 0x28]  // . , | : ) (
            if !Self.isSpace(next) && !terminators.contains(next) {
                throw failure("bad character \(GoQuote.unicodeDescription(of: currentScalar()))")
            }
        }
        var resolved = kind
        if kind == .identifier {
            if TemplateToken.keywords.contains(word) { resolved = .keyword }
            if word == "true" || word == "false" { resolved = .bool }
            if word == "nil" { resolved = .nilValue }
        }
        emit(resolved, from: start)
    }

    private mutating func lexQuoted(terminator: UInt8, kind: TemplateToken.Kind, unterminated: String) throws(TemplateError) {
        let start = index
        var end = index + 1
        while end < bytes.count, bytes[end] != terminator {
            if bytes[end] == UInt8(ascii: "\\") { end += 1 }
            if end >= bytes.count || bytes[end] == 0x0A { throw failure(unterminated) }
            end += 1
        }
        guard end < bytes.count else { throw failure(unterminated) }
        index = end + 1
        emit(kind, from: start)
    }

    private mutating func lexNumber() throws(TemplateError) {
        let start = index
        if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        var digits: Set<UInt8> = Set("0123456789_".utf8)
        var exponentMarkers: Set<UInt8> = Set("eE".utf8)
        if hasPrefix("0x", at: index) || hasPrefix("0X", at: index) {
            index += 2
            digits = Set("0123456789abcdefABCDEF_".utf8)
            exponentMarkers = Set("pP".utf8)
        } else if hasPrefix("0o", at: index) || hasPrefix("0O", at: index) || hasPrefix("0b", at: index) || hasPrefix("0B", at: index) {
            index += 2
        }
        while index < bytes.count, digits.contains(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, digits.contains(bytes[index]) { index += 1 }
        }
        if index < bytes.count, exponentMarkers.contains(bytes[index]) {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            while index < bytes.count, Self.isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_") { index += 1 }
        }
        if index < bytes.count, Self.isAlphanumeric(bytes[index]) {
            index += 1
            throw failure("bad number syntax: \"\(text(start..<index))\"")
        }
        emit(.number, from: start)
    }
}
