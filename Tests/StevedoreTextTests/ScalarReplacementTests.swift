import StevedoreText
import Testing

@Suite struct ScalarReplacementTests {
    @Test func aSequenceIsReplacedScalarByScalar() {
        #expect(#"a\tb\nc"#.replacingScalars(#"\t"#, with: "\t") == "a\tb\\nc")
        // `\` `t` and a combining acute accent: the `t` and the mark are one Character, yet the
        // two scalars of `\t` are found, as Go's ReplaceAll finds their bytes.
        #expect("\\t\u{0301}".replacingScalars(#"\t"#, with: "\t") == "\t\u{0301}")
        #expect("<&>".replacingScalars("<", with: #"\u003c"#) == #"\u003c&>"#)
        #expect("".replacingScalars("x", with: "y") == "")
    }

    @Test func scalarsAreReplacedOrRemovedByWhatTheyAre() {
        let lineBreak: (Unicode.Scalar) -> Bool = { $0 == "\n" || $0 == "\r" }
        // "\r\n" is one Character and two scalars: both are replaced.
        #expect("a\r\nb\nc".replacingScalars(where: lineBreak, with: " ") == "a  b c")
        #expect("a\r\nb".replacingScalars(where: lineBreak, with: "") == "ab")
        #expect("abc".replacingScalars(where: lineBreak, with: "--") == "abc")
    }

    @Test func hexDigitsArePaddedLowercase() {
        #expect(UInt8(0x0A).hexDigits(width: 2) == "0a")
        #expect(UInt32(0x2028).hexDigits(width: 4) == "2028")
        #expect(UInt32(0x1F600).hexDigits(width: 4) == "1f600", "wider values keep every digit")
        #expect(UInt32(0).hexDigits(width: 8) == "00000000")
    }
}
