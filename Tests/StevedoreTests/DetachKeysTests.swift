import Stevedore
import Testing

@Suite struct DetachKeysTests {
    @Test func parsesDockersFormat() throws {
        #expect(DetachKeys.default.bytes == [0x10, 0x11])
        #expect(try DetachKeys(parsing: "ctrl-a,x,ctrl-@,ctrl-[,ctrl-_").bytes == [1, UInt8(ascii: "x"), 0, 27, 31])
        // As moby's term.ToBytes: a single key keeps its case, DEL is a key, `ctrl-` is lowercase.
        #expect(try DetachKeys(parsing: "P,DEL,ctrl-\\").bytes == [UInt8(ascii: "P"), 0x7F, 28])
        for bad in ["", "ctrl-", "ctrl-1", "ab", "ctrl-p,,ctrl-q", "CTRL-P", "ctrl-P", "del", "\u{E9}", ",\u{301}"] {
            let error = #expect(throws: DockerError.self) { try DetachKeys(parsing: bad) }
            #expect(error?.category == .invalidInput)
        }
    }

    @Test func holdsBackAPrefixAndReleasesItWhenTheSequenceBreaks() throws {
        var matcher = DetachKeys.Matcher(.default)
        #expect(matcher.feed([UInt8(ascii: "a"), 0x10]) == ([UInt8(ascii: "a")], false))
        #expect(matcher.feed([UInt8(ascii: "b")]) == ([0x10, UInt8(ascii: "b")], false))
        #expect(matcher.feed([0x10, 0x10]) == ([0x10], false))
        let (pass, detached) = matcher.feed([0x11, UInt8(ascii: "z")])
        #expect(pass.isEmpty)
        #expect(detached)
        // Fed again after a detach, it starts afresh (it trapped on the index past the end).
        #expect(matcher.feed([UInt8(ascii: "c"), 0x10, 0x11]) == ([UInt8(ascii: "c")], true))
        var single = DetachKeys.Matcher(try DetachKeys(parsing: "ctrl-a"))
        #expect(single.feed([0x01]) == ([], true))
        #expect(single.feed([UInt8(ascii: "x"), 0x01]) == ([UInt8(ascii: "x")], true))
    }
}
