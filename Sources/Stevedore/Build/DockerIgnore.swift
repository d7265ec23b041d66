import Foundation

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
        let regex: NSRegularExpressionBox?

        func matches(_ path: String) -> Bool {
            switch self.matchType {
            case .exact:
                return path == self.text
            case .prefix:
                return path.hasPrefix(String(self.text.dropLast(2)))
            case .suffix:
                let suffix = String(self.text.dropFirst(2))
                if path.hasSuffix(suffix) { return true }
                return suffix.first == "/" && path == suffix.dropFirst()
            case .regex:
                return self.regex?.matches(path) ?? false
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
            var text = raw.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            text = Self.cleanPath(text)
            var isException = false
            if text.hasPrefix("!") {
                guard text.count > 1 else { throw DockerError.invalidInput("illegal exclusion pattern: \"!\" in .dockerignore") }
                isException = true
                text.removeFirst()
            }
            compiled.append(try Self.compile(text, isException: isException))
        }
        self.patterns = compiled
    }

    /// The patterns of a `.dockerignore` file, as moby's `ignorefile.ReadAll` reads them.
    public static func parse(_ contents: String) -> [String] {
        var result: [String] = []
        var text = Substring(contents)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        // "\r\n" is one Character in Swift: split on it too (Go's line scanner drops the "\r").
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = String(rawLine)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.hasPrefix("#") { continue }
            line = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let isException = line.hasPrefix("!")
            if isException { line = String(line.dropFirst()).trimmingCharacters(in: .whitespacesAndNewlines) }
            if !line.isEmpty {
                line = Self.cleanPath(line)
                if line.count > 1, line.hasPrefix("/") { line.removeFirst() }
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
                match = pattern.matches(path)
                if !match, !hasParentInfo, let slash = path.lastIndex(of: "/") {
                    let directories = path[..<slash].split(separator: "/", omittingEmptySubsequences: false)
                    for count in 1...directories.count where pattern.matches(directories.prefix(count).joined(separator: "/")) {
                        match = true
                        break
                    }
                }
            }
            info.parentMatched[index] = match
            if match { matched = !pattern.isException }
        }
        return (matched, info)
    }

    /// Whether an exception pattern names something inside `directory` (so an excluded
    /// directory must still be walked): the CLI's prefix test on the exception's text.
    func hasException(inside directory: String) -> Bool {
        self.patterns.contains { $0.isException && ($0.text + "/").hasPrefix(directory + "/") }
    }

    // MARK: Compiling

    /// moby's `Pattern.compile`: the match type, and the regular expression when one is needed.
    static func compile(_ text: String, isException: Bool) throws -> Pattern {
        var regex = "^"
        var type = Pattern.MatchType.exact
        let characters = Array(text.unicodeScalars)
        var index = 0
        var position = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            defer { position += 1 }
            switch character {
            case "*":
                if index < characters.count, characters[index] == "*" {
                    index += 1
                    if index < characters.count, characters[index] == "/" { index += 1 }
                    if index == characters.count {
                        if type == .exact {
                            type = .prefix
                        } else {
                            regex += ".*"
                            type = .regex
                        }
                    } else {
                        // `(.*/)?(.*/)?` matches what one does; the repetition only makes a
                        // backtracking matcher explore every way of splitting the path
                        // (found by fuzzing: a run of `**` took minutes).
                        if !regex.hasSuffix("(.*/)?") { regex += "(.*/)?" }
                        type = .regex
                    }
                    if position == 0 { type = .suffix }
                } else {
                    // Likewise `[^/]*[^/]*` is `[^/]*`.
                    if !regex.hasSuffix("[^/]*") { regex += "[^/]*" }
                    type = .regex
                }
            case "?":
                regex += "[^/]"
                type = .regex
            case ".", "+", "(", ")", "|", "{", "}", "$":
                regex += "\\" + String(character)
            case "\\":
                if index < characters.count {
                    regex += "\\" + String(characters[index])
                    index += 1
                } else {
                    regex += "\\\\"
                }
            case "[", "]":
                regex += String(character)
                type = .regex
            default:
                regex += String(character)
            }
        }
        guard Self.isValidGlob(characters) else {
            throw DockerError.invalidInput("syntax error in pattern \"\(text)\" in .dockerignore")
        }
        guard type == .regex else { return Pattern(text: text, isException: isException, matchType: type, regex: nil) }
        regex += "$"
        guard let compiled = try? NSRegularExpression(pattern: regex) else {
            throw DockerError.invalidInput("syntax error in pattern \"\(text)\" in .dockerignore")
        }
        return Pattern(text: text, isException: isException, matchType: type, regex: NSRegularExpressionBox(compiled))
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

    /// Go's `filepath.Clean` for `/`-separated paths: no repeated `/`, no `.` elements, `..`
    /// resolved lexically (dropped at the root), no trailing `/`; `""` becomes `.`.
    static func cleanPath(_ path: String) -> String {
        guard !path.isEmpty else { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".":
                continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(part)
                }
            default:
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}

/// A compiled regular expression, shareable across tasks (it is immutable once made).
final class NSRegularExpressionBox: @unchecked Sendable {
    private let expression: NSRegularExpression

    init(_ expression: NSRegularExpression) { self.expression = expression }

    func matches(_ string: String) -> Bool {
        self.expression.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) != nil
    }
}
