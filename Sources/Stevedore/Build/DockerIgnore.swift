import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The exclusion patterns of a `.dockerignore` file, matched exactly as the docker CLI
/// (moby's `patternmatcher` and `ignorefile`) matches them.
///
/// Reading (``parse(_:)``): a UTF-8 BOM is dropped; lines starting with `#` are comments;
/// lines are trimmed and blank ones skipped; a leading `!` makes an exception (re-include);
/// each pattern is cleaned like a path (`a//b/../c` → `a/c`, trailing `/` dropped) and loses a
/// leading `/` (patterns are relative to the context root).
///
/// Matching (``isExcluded(_:)``): patterns apply in order, the last one that matches a path
/// wins; a pattern also matches everything below a directory it matches. `*` is any run of
/// characters but `/`, `?` one such character, `[a-z]` a class, `\` escapes, `**` any number
/// of directories (`**/x` matches `x` at any depth, a trailing `**` everything below).
/// Classes and escapes follow Go's regular-expression syntax, as in moby. Matching a path takes
/// time linear in its length whatever the patterns (an automaton; nothing backtracks).
public struct DockerIgnore: Sendable {
    /// One cleaned pattern.
    struct Pattern: Sendable {
        enum MatchType: Sendable {
            case exact
            case prefix
            case suffix
            case regex
        }

        /// The pattern without its `!`, cleaned.
        let text: String
        let isException: Bool
        let matchType: MatchType
        /// The pattern's expression, for the `.regex` kind.
        let automaton: IgnorePatternAutomaton?

        /// Whether `path` or, with `orAParent`, a directory above it matches (moby checks each
        /// parent path when no parent result is known).
        func matches(_ path: String, orAParent: Bool) -> Bool {
            if self.matchType == .regex { return self.automaton?.matches(path, orAParent: orAParent) ?? false }
            if self.matchesText(path[...]) { return true }
            guard orAParent else { return false }
            var start = path.startIndex
            while let slash = path[start...].unicodeScalars.firstIndex(of: "/") {
                if self.matchesText(path[..<slash]) { return true }
                start = path.unicodeScalars.index(after: slash)
            }
            return false
        }

        /// The comparisons of the kinds that need no expression, byte by byte as moby's: a
        /// `/` or a name that Unicode joins to a mark beside it still matches, and a pattern
        /// matches only the bytes it has (not every canonically equivalent spelling).
        private func matchesText(_ path: Substring) -> Bool {
            switch self.matchType {
            case .exact:
                return path.utf8.elementsEqual(self.text.utf8)
            case .prefix:
                return path.utf8.starts(with: self.text.utf8.dropLast(2))
            case .suffix:
                let suffix = self.text.utf8.dropFirst(2)
                if path.utf8.reversed().starts(with: suffix.reversed()) { return true }
                return suffix.first == UInt8(ascii: "/") && path.utf8.elementsEqual(suffix.dropFirst())
            case .regex:
                return false
            }
        }
    }

    /// What a directory's patterns matched, passed to its children (moby's `MatchInfo`).
    struct MatchInfo: Sendable {
        var parentMatched: [Bool] = []
    }

    let patterns: [Pattern]

    /// The patterns as given, after cleaning (exceptions with their `!`).
    public var patternStrings: [String] { self.patterns.map { ($0.isException ? "!" : "") + $0.text } }

    /// Whether some pattern is an exception (`!…`).
    public var hasExceptions: Bool { self.patterns.contains(where: \.isException) }

    /// The patterns of a `.dockerignore` file's text.
    public init(contents: String) throws {
        try self.init(patterns: Self.parse(contents))
    }

    /// Compiles `patterns` (as ``parse(_:)`` returns them). A pattern that is only `!`, or one
    /// whose syntax is bad (an unclosed `[`), throws ``DockerError/Category/invalidInput``.
    public init(patterns: [String]) throws {
        var compiled: [Pattern] = []
        for raw in patterns {
            var text = raw.trimmingWhitespace()
            if text.isEmpty { continue }
            text = GoPath.clean(text)
            var isException = false
            if text.utf8.first == UInt8(ascii: "!") {
                guard text.utf8.count > 1 else { throw DockerError.invalidInput("illegal exclusion pattern: \"!\" in .dockerignore") }
                isException = true
                text = String(Substring(text.unicodeScalars.dropFirst()))
            }
            compiled.append(try Self.compile(text, isException: isException))
        }
        self.patterns = compiled
    }

    /// The patterns of a `.dockerignore` file, as moby's `ignorefile.ReadAll` reads them.
    public static func parse(_ contents: String) -> [String] {
        var result: [String] = []
        let text = contents.cut(prefix: "\u{FEFF}") ?? contents[...]
        for rawLine in text.scannedLines() {
            var line = String(rawLine)
            if line.utf8.first == UInt8(ascii: "#") { continue }
            line = line.trimmingWhitespace()
            if line.isEmpty { continue }
            let isException = line.utf8.first == UInt8(ascii: "!")
            if isException { line = Substring(line.unicodeScalars.dropFirst()).trimmingWhitespace() }
            if !line.isEmpty {
                line = GoPath.clean(line)
                if line.utf8.count > 1, line.utf8.first == UInt8(ascii: "/") { line = String(Substring(line.unicodeScalars.dropFirst())) }
            }
            result.append(isException ? "!" + line : line)
        }
        return result
    }

    /// Whether `path` (relative to the context, `/`-separated) is excluded: the last pattern
    /// matching it or one of its parent directories decides (moby's `MatchesOrParentMatches`).
    public func isExcluded(_ path: String) -> Bool {
        self.matches(path, parent: MatchInfo()).excluded
    }

    /// moby's `MatchesUsingParentResults`: whether `path` is excluded, reusing what its parent
    /// directory matched (or, with an empty `parent`, checking the parent directories).
    func matches(_ path: String, parent: MatchInfo) -> (excluded: Bool, info: MatchInfo) {
        var matched = false
        var info = MatchInfo(parentMatched: Array(repeating: false, count: self.patterns.count))
        let hasParentInfo = !parent.parentMatched.isEmpty
        for (index, pattern) in self.patterns.enumerated() {
            var match = hasParentInfo ? parent.parentMatched[index] : false
            if !match {
                // An inclusion cannot change an already excluded path; an exception cannot
                // change one that is not excluded.
                if pattern.isException != matched { continue }
                match = pattern.matches(path, orAParent: !hasParentInfo)
            }
            info.parentMatched[index] = match
            if match { matched = !pattern.isException }
        }
        return (matched, info)
    }

    /// Whether an exception pattern names something inside `directory` (so an excluded
    /// directory must still be walked): the CLI's prefix test on the exception's text.
    func hasException(inside directory: String) -> Bool {
        self.patterns.contains { $0.isException && ($0.text + "/").utf8.starts(with: (directory + "/").utf8) }
    }

    // MARK: Compiling

    /// moby's `Pattern.compile`: the match type and, for the regular-expression kind, the
    /// automaton. moby writes a Go regular expression (`*` → `[^/]*`, `?` → `[^/]`, `**/` →
    /// `(.*/)?`, a final `**` → `.*`, `[…]`, `^` and `\x` passed through, other
    /// metacharacters escaped); the elements are that expression. One difference: inside a
    /// `[…]` class, `*` and `?` stand for themselves (moby's rewrite breaks such a class).
    static func compile(_ text: String, isException: Bool) throws -> Pattern {
        let characters = Array(text.unicodeScalars)
        guard Self.isValidGlob(characters) else { throw Self.syntaxError(in: text) }
        var elements: [IgnorePatternAutomaton.Element] = []
        var type = Pattern.MatchType.exact
        var index = 0
        var position = 0
        do {
            while index < characters.count {
                let character = characters[index]
                index += 1
                defer { position += 1 }
                switch character {
                case "*" where index < characters.count && characters[index] == "*":
                    index += 1
                    if index < characters.count, characters[index] == "/" { index += 1 }
                    if index < characters.count {
                        elements.append(.directories)
                        type = .regex
                    } else if type == .exact {
                        type = .prefix
                    } else {
                        elements.append(.anything)
                        type = .regex
                    }
                    if position == 0 { type = .suffix }
                case "*":
                    elements.append(.runWithoutSlash)
                    type = .regex
                case "?":
                    elements.append(.one(.notSlash))
                    type = .regex
                case "\\":
                    // A trailing `\` fails the glob check above.
                    elements.append(.one(try IgnorePatternAutomaton.ScalarSet.escape(characters[index])))
                    index += 1
                    type = .regex
                case "[":
                    elements.append(.one(try IgnorePatternAutomaton.ScalarSet.bracketClass(characters, index: &index)))
                    type = .regex
                case "]":
                    elements.append(.one(.scalar(character)))
                    type = .regex
                case "^":
                    elements.append(.start)
                default:
                    elements.append(.one(.scalar(character)))
                }
            }
        } catch {
            throw Self.syntaxError(in: text)
        }
        let automaton = type == .regex ? IgnorePatternAutomaton(elements) : nil
        return Pattern(text: text, isException: isException, matchType: type, automaton: automaton)
    }

    private static func syntaxError(in pattern: String) -> DockerError {
        DockerError.invalidInput("syntax error in pattern \"\(pattern)\" in .dockerignore")
    }

    /// Go's `filepath.Match` syntax check: every `[` closed with a non-empty class, no trailing `\`.
    private static func isValidGlob(_ characters: [Unicode.Scalar]) -> Bool {
        var index = 0
        while index < characters.count {
            switch characters[index] {
            case "\\":
                index += 1
                if index == characters.count { return false }
            case "[":
                index += 1
                if index < characters.count, characters[index] == "^" { index += 1 }
                var first = true
                while true {
                    guard index < characters.count else { return false }
                    if characters[index] == "]", !first { break }
                    if characters[index] == "\\" { index += 1 }
                    first = false
                    index += 1
                }
            default:
                break
            }
            index += 1
        }
        return true
    }
}
