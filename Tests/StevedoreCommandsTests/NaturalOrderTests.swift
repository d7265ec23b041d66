import Testing

@testable import StevedoreCommands

/// docker sorts list rows with Go's `sortorder.NaturalLess`.
@Suite struct NaturalOrderTests {
    @Test func namesSortAsDockerSortsThem() {
        // What `docker context ls` printed for these names.
        let names = ["cd", "a10", "default", "Zz", "a9", "Ab1", "1x"]
        #expect(names.sorted(by: naturalLess) == ["1x", "Ab1", "Zz", "a9", "a10", "cd", "default"])
        #expect(["a-b", "a1"].sorted(by: naturalLess) == ["a1", "a-b"], "a digit sorts before any other character")
        #expect(naturalLess("a1", "a01") && !naturalLess("a01", "a1"), "fewer leading zeros first")
        #expect(naturalLess("net2", "net10"))
        #expect(naturalLess("ab", "abc") && !naturalLess("abc", "ab"))
        #expect(!naturalLess("same", "same"))
    }
}
