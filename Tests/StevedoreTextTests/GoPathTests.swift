import Foundation
import StevedoreText
import Testing

@Suite struct GoPathTests {
    @Test func cleanIsGoFilepathClean() {
        let cases = ["": ".", "a/./b/": "a/b", "a/../../b": "../b", "/../a": "/a", "a//b": "a/b", "./": ".", "/": "/", "..": ".."]
        for (input, expected) in cases { #expect(GoPath.clean(input) == expected, "\(input)") }
    }

    @Test func directoryIsGoFilepathDir() {
        let cases = ["a": ".", "/a": "/", "a/b/": "a/b", "/a/./b": "/a", "a/../b": ".", "": "."]
        for (input, expected) in cases { #expect(GoPath.directory(of: input) == expected, "\(input)") }
    }

    @Test func absoluteIsGoFilepathAbs() {
        let directory = FileManager.default.currentDirectoryPath
        #expect(GoPath.absolute("/a/./b/../c/") == "/a/c")
        #expect(GoPath.absolute("x/../y") == GoPath.clean(directory + "/y"))
        #expect(GoPath.absolute(".") == GoPath.clean(directory))
    }
}
