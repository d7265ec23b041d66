import Stevedore
import Testing

@Suite struct DetachKeysTests {
    @Test func parsesDockersFormat() throws {
        #expect(DetachKeys.default.bytes == [0x10, 0x11])
        #expect(try DetachKeys(parsing: "ctrl-a,x,ctrl-@,ctrl-[,ctrl-_").bytes == [1, UInt8(ascii: "x"), 0, 27, 31])
        for bad in ["", "ctrl-", "ctrl-1", "ab", "ctrl-p,,ctrl-q"] {
            let error = #expect(throws: DockerError.self) { try DetachKeys(parsing: bad) }
            #expect(error?.category == .invalidInput)
        }
    }

    @Test func holdsBackAPrefixAndReleasesItWhenTheSequenceBreaks() {
        var matcher = DetachKeys.Matcher(.default)
        #expect(matcher.feed([UInt8(ascii: "a"), 0x10]) == ([UInt8(ascii: "a")], false))
        #expect(matcher.feed([UInt8(ascii: "b")]) == ([0x10, UInt8(ascii: "b")], false))
        #expect(matcher.feed([0x10, 0x10]) == ([0x10], false))
        let (pass, detached) = matcher.feed([0x11, UInt8(ascii: "z")])
        #expect(pass.isEmpty)
        #expect(detached)
    }
}
