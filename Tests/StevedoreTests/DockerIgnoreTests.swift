import Testing

@testable import Stevedore

@Suite("DockerIgnore: moby patternmatcher semantics")
struct DockerIgnoreTests {
    @Test func parsingDropsCommentsBlanksAndCleansPaths() {
        let text = "\u{FEFF}# comment\n\n  /a//b/../c/  \n! /keep\n#!not-an-exception\n  # indented is a pattern\r\n**/*.log\n"
        #expect(DockerIgnore.parse(text) == ["a/c", "!keep", "# indented is a pattern", "**/*.log"])
    }

    /// A `/` with a combining mark after it is still a leading `/`: the pattern is
    /// `/secret.env` cleaned (`secret.env`), not `../secret.env`, which matches nothing and let
    /// the file into the context.
    @Test func aMarkAfterTheLeadingSlashKeepsThePatternRooted() throws {
        #expect(DockerIgnore.parse("/\u{301}/../../secret.env\n") == ["secret.env"])
        #expect(try DockerIgnore(patterns: DockerIgnore.parse("/\u{301}/../../secret.env")).isExcluded("secret.env"))
    }

    @Test(arguments: [
        // pattern, path, excluded
        ("*.md", "README.md", true),
        ("*.md", "docs/README.md", false),
        ("**/*.md", "docs/deep/README.md", true),
        ("**/*.md", "README.md", true),
        ("docs", "docs/a/b.txt", true),
        ("docs/**", "docs/a", true),
        ("docs/**", "docsx", false),
        ("**", "anything/at/all", true),
        ("a?c", "abc", true),
        ("a?c", "a/c", false),
        ("[a-c]x", "bx", true),
        ("[a-c]x", "dx", false),
        ("**/node_modules", "node_modules", true),
        ("**/node_modules", "web/node_modules/x.js", true),
        ("a.b", "axb", false),
        // An escape makes the pattern an expression, as in moby's patternmatcher.
        ("a\\*b", "a*b", true),
        ("a\\*b", "axb", false),
        ("a\\*[b]", "a*b", true),
        ("a\\*[b]", "axb", false),
        ("dir/", "dir/file", true),
        // Classes and escapes are Go's regular-expression syntax.
        ("[^a]b", "/b", true),
        ("[]x]", "]", true),
        ("[a-]", "-", true),
        ("[[:digit:]]*", "7up", true),
        ("[[:^digit:]]*", "7up", false),
        ("v\\d", "v1", true),
        ("v\\d", "vd", false),
        ("[\\d_]", "_", true),
        ("[\\d-z]", "-", true),
        // Go reads an unescaped `^` as the start of the path.
        ("*^a", "x^a", false),
        ("^a*", "ab", true),
        ("a$*", "a$b", true),
        // Bytes, as moby compares them: a `/` that Unicode joins to a mark beside it (U+0301
        // after, U+06DD before) is still there, and a name matches only its own spelling.
        ("secrets/**", "secrets/\u{301}key", true),
        ("**/id_rsa", "keys\u{6DD}/id_rsa", true),
        ("keys", "keys\u{6DD}/id_rsa", false),
        ("\u{E9}", "e\u{301}", false),
        ("#\u{301}x", "#\u{301}x", false),
    ])
    func singlePatternMatches(pattern: String, path: String, excluded: Bool) throws {
        let ignore = try DockerIgnore(patterns: DockerIgnore.parse(pattern))
        #expect(ignore.isExcluded(path) == excluded)
    }

    @Test func exceptionsApplyInOrderAndTheLastMatchWins() throws {
        let ignore = try DockerIgnore(contents: "*.txt\n!keep*.txt\nkeep-not.txt\n")
        #expect(ignore.isExcluded("a.txt"))
        #expect(!ignore.isExcluded("keep1.txt"))
        #expect(ignore.isExcluded("keep-not.txt"))
        #expect(!ignore.isExcluded("a.go"))
    }

    @Test func parentResultsAreReused() throws {
        let ignore = try DockerIgnore(contents: "build\n!build/keep\n")
        let (directoryExcluded, info) = ignore.matches("build", parent: .init())
        #expect(directoryExcluded)
        #expect(ignore.matches("build/keep", parent: info).excluded == false)
        #expect(ignore.matches("build/other", parent: info).excluded)
        #expect(ignore.hasException(inside: "build"))
        #expect(!ignore.hasException(inside: "src"))
    }

    @Test func badPatternsAreInvalidInput() {
        for text in ["!", "[abc", "a\\", "[z-a]", "a\\q*"] {
            #expect(throws: DockerError.self, "\(text)") { try DockerIgnore(contents: text) }
        }
    }

    /// Found by fuzzing: a run of `*` compiled to as many `(.*/)?` groups, which a
    /// backtracking matcher tried every split of (minutes for one path). Runs of wildcards now
    /// compile to one group and match as before.
    @Test func aRunOfStarsMatchesAtOnce() throws {
        let ignore = try DockerIgnore(contents: "a/" + String(repeating: "*", count: 60) + "////**\n")
        let start = ContinuousClock.now
        #expect(ignore.isExcluded("a/" + String(repeating: "x/", count: 40) + "y"))
        #expect(!ignore.isExcluded("b/" + String(repeating: "*", count: 80)))
        #expect(ContinuousClock.now - start < .seconds(1))
        // `****` is `**` twice: the same paths match as with one.
        let twice = try DockerIgnore(contents: "a/****b")
        let once = try DockerIgnore(contents: "a/**b")
        for path in ["a/b", "a/x/b", "a/x/y/b", "a/xb", "a/x/yb", "b", "a/x/b/c"] {
            #expect(twice.isExcluded(path) == once.isExcluded(path), "\(path)")
        }
    }

    /// A backtracking matcher takes exponential time on alternating stars; moby's Go engine,
    /// like the automaton, takes linear time.
    @Test func alternatingStarsAgainstALongNameMatchAtOnce() throws {
        let stars = try DockerIgnore(contents: String(repeating: "*a", count: 30) + "*b\n" + String(repeating: "**/a", count: 30) + "/b")
        let start = ContinuousClock.now
        #expect(!stars.isExcluded(String(repeating: "a", count: 5000)))
        #expect(!stars.isExcluded(String(repeating: "a/", count: 2000) + "c"))
        #expect(stars.isExcluded(String(repeating: "a", count: 5000) + "b"))
        #expect(ContinuousClock.now - start < .seconds(10))
    }
}
