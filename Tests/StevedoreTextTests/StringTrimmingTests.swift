import StevedoreText
import Testing

@Suite struct StringTrimmingTests {
    @Test func whiteSpaceGoesFromBothEndsAndStaysInside() {
        #expect(" \t\r\n a b \r\n".trimmingWhitespace() == "a b")
        #expect("\u{00A0}x\u{2003}".trimmingWhitespace() == "x", "Unicode's white space, as Go's TrimSpace")
        #expect(" \r\n ".trimmingWhitespace() == "")
        #expect("".trimmingWhitespace() == "")
        #expect("a".trimmingWhitespace() == "a")
        #expect(" a".trimmingWhitespace() == "a")
        #expect("a ".trimmingWhitespace() == "a")
        #expect("x y"[...].trimmingWhitespace() == "x y")
    }

    @Test func trimmingWorksScalarByScalarAsGoDoes() {
        let quote: (Unicode.Scalar) -> Bool = { $0 == "\"" }
        #expect("\"\"a\"b\"".trimming(while: quote) == "a\"b")
        // A quote and a combining mark after it are one Character, but two runes to Go.
        #expect("\"\u{0301}x\"".trimming(while: quote) == "\u{0301}x")
        #expect("\"\"".trimming(while: quote) == "")
        #expect("  dns.example ".trimming(while: { $0 == " " }) == "dns.example")
    }
}
