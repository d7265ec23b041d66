import StevedoreText
import Testing

@Suite struct BytePrefixTests {
    /// The UTF-8 bytes of `text`: `==` on Strings would call canonically equivalent text equal.
    private func bytes(_ text: (some StringProtocol)?) -> [UInt8]? {
        text.map { Array($0.utf8) }
    }

    // A combining mark (U+0301) joins the character before it into one Character, a prepended
    // mark (U+06DD) the one after it; precomposed é (U+00E9) and e + U+0301 are canonically
    // equivalent. Go compares bytes, and so do these.
    @Test func prefixesAndSuffixesAreComparedByBytes() {
        #expect("/\u{301}x".hasBytePrefix("/"))
        #expect(!"/\u{301}x".hasPrefix("/"), "Characters: what this guards against")
        #expect("a\u{6DD}/".hasByteSuffix("/"))
        #expect(!"cafe\u{301}/x".hasBytePrefix("caf\u{E9}/"))
        #expect("cafe\u{301}/x".hasPrefix("caf\u{E9}/"), "Characters: what this guards against")
        #expect("".hasBytePrefix(""))
        #expect(!"a".hasByteSuffix("ba"))
    }

    @Test func cuttingAPrefixOrSuffixKeepsTheMarkBesideIt() {
        #expect(self.bytes("/\u{301}x".cut(prefix: "/")) == Array("\u{301}x".utf8))
        #expect(self.bytes("x\u{6DD}/".cut(suffix: "/")) == Array("x\u{6DD}".utf8))
        #expect(self.bytes("RTMIN\u{301}+1".cut(prefix: "RTMIN")) == Array("\u{301}+1".utf8))
        #expect(self.bytes("tcp://h".cut(prefix: "tcp://")) == Array("h".utf8))
        #expect("tcp:/h".cut(prefix: "tcp://") == nil)
        #expect("caf\u{E9}/x".cut(prefix: "cafe\u{301}/") == nil)
        #expect(self.bytes("/".cut(suffix: "/")) == [])
    }

    @Test func linesAreScannedAsGoScansThem() {
        #expect("a\nb\r\nc\r".scannedLines() == ["a", "b", "c"])
        #expect(self.bytes("a\r\r\n".scannedLines().first) == Array("a\r".utf8))
        #expect("a\n\nb\n".scannedLines() == ["a", "", "b"])
        #expect("".scannedLines().isEmpty)
        #expect("\n".scannedLines() == [""])
    }
}
