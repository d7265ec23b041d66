import StevedoreText
import Testing

@Suite struct ScalarSplittingTests {
    // U+0301 (a combining acute accent) joins the separator before it into one Character, and
    // U+0600 (a prepended concatenation mark) the separator after it: each separator still
    // separates, as docker's byte-wise Go does.
    @Test func separatorsJoinedToAMarkStillSeparate() {
        #expect("A=\u{301}x".split(scalar: "=") == ["A", "\u{301}x"])
        #expect("A\u{600}=x".split(scalar: "=") == ["A\u{600}", "x"])
        #expect("../\u{301}x".split(scalar: "/") == ["..", "\u{301}x"])
        #expect("A=\u{301}x".split(separator: "=").count == 1, "Characters: what this guards against")
    }

    @Test func splittingKeepsOrOmitsEmptyPiecesAndStopsAtMaxSplits() {
        #expect("/a//b/".split(scalar: "/") == ["a", "b"])
        #expect("/a//b/".split(scalar: "/", omittingEmptySubsequences: false) == ["", "a", "", "b", ""])
        #expect("a=b=c".split(scalar: "=", maxSplits: 1) == ["a", "b=c"])
        #expect("".split(scalar: ",", omittingEmptySubsequences: false) == [""])
        #expect("x:y"[...].split(scalar: ":") == ["x", "y"])
    }

    @Test func cutsAtTheFirstOrLastSeparator() {
        #expect("k=v=w".cut(atFirst: "=").map { [$0.before, $0.after] } == ["k", "v=w"])
        #expect("k=v=w".cut(atLast: "=").map { [$0.before, $0.after] } == ["k=v", "w"])
        #expect("k\u{600}=\u{301}v".cut(atFirst: "=").map { [$0.before, $0.after] } == ["k\u{600}", "\u{301}v"])
        #expect("=".cut(atFirst: "=").map { [$0.before, $0.after] } == ["", ""])
        #expect("kv".cut(atFirst: "=") == nil)
        #expect("kv".cut(atLast: "=") == nil)
        #expect("a=\u{301}".contains(scalar: "="))
        #expect(!"a\u{301}".contains(scalar: "="))
    }
}
