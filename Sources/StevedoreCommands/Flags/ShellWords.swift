#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A command line split into words as docker's service commands split `--entrypoint` and
/// `--args` (the google/shlex rules): words are separated by spaces, tabs and newlines;
/// `'…'` quotes everything up to the next `'`; `"…"` quotes with `\` taking the next character
/// as it is; `\` outside quotes does the same; a word starting with `#` is a comment running to
/// the end of the line. Nothing is expanded. An unclosed quote or a trailing `\` is refused with
/// shlex's words.
enum ShellWords {
    private enum State {
        case start, word, escaping, quotedEscaping, doubleQuoted, singleQuoted, comment
    }

    static func split(_ text: String) throws -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        var state = State.start
        for scalar in text.unicodeScalars {
            let isSpace = scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n"
            switch state {
            case .start:
                switch scalar {
                case _ where isSpace: break
                case "\"": state = .doubleQuoted
                case "'": state = .singleQuoted
                case "\\": state = .escaping
                case "#": state = .comment
                default:
                    word.append(scalar)
                    state = .word
                }
            case .word:
                switch scalar {
                case _ where isSpace:
                    words.append(String(word))
                    word = String.UnicodeScalarView()
                    state = .start
                case "\"": state = .doubleQuoted
                case "'": state = .singleQuoted
                case "\\": state = .escaping
                default: word.append(scalar)
                }
            case .escaping:
                word.append(scalar)
                state = .word
            case .quotedEscaping:
                word.append(scalar)
                state = .doubleQuoted
            case .doubleQuoted:
                switch scalar {
                case "\"": state = .word
                case "\\": state = .quotedEscaping
                default: word.append(scalar)
                }
            case .singleQuoted:
                if scalar == "'" { state = .word } else { word.append(scalar) }
            case .comment:
                if scalar == "\n" { state = .start }
            }
        }
        switch state {
        case .start, .comment: break
        case .word: words.append(String(word))
        case .escaping, .quotedEscaping: throw InvalidFlagValue(reason: "EOF found after escape character")
        case .doubleQuoted, .singleQuoted: throw InvalidFlagValue(reason: "EOF found when expecting closing quote")
        }
        return words
    }
}
