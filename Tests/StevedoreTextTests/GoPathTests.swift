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

    /// Links resolved element by element, a relative one from its own directory, `..` after
    /// the link's target; failures in Go's words, naming the path walked so far.
    @Test func evaluatingSymlinksIsGoFilepathEvalSymlinks() throws {
        let made = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-links-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: made) }
        try FileManager.default.createDirectory(at: made.appendingPathComponent("dir/sub"), withIntermediateDirectories: true)
        let root = try GoPath.evaluatingSymlinks(made.path)
        #expect(FileManager.default.createFile(atPath: root + "/dir/file", contents: Data()))
        let links = [("dir/rel", "file"), ("link", root + "/dir"), ("up", "dir/sub/.."), ("dangling", "gone"), ("loop", "loop")]
        for (link, target) in links {
            try FileManager.default.createSymbolicLink(atPath: root + "/" + link, withDestinationPath: target)
        }
        let resolved = [
            "link/rel": "/dir/file", "link/sub/../rel": "/dir/file", "up/file": "/dir/file", "link/..": "", "link/./sub/": "/dir/sub",
        ]
        for (path, expected) in resolved { #expect(try GoPath.evaluatingSymlinks(root + "/" + path) == root + expected, "\(path)") }
        let refused = [
            "missing/x": "lstat \(root)/missing: no such file or directory", "dir/file/x": "not a directory",
            "dir/file/": "not a directory", "dangling": "lstat \(root)/gone: no such file or directory",
            "loop": "EvalSymlinks: too many links",
        ]
        for (path, expected) in refused {
            #expect("\(path)") { try GoPath.evaluatingSymlinks(root + "/" + path) } throws: { error in
                (error as? GoPathError)?.description == expected
            }
        }
    }

    @Test func absoluteIsGoFilepathAbs() {
        let directory = FileManager.default.currentDirectoryPath
        #expect(GoPath.absolute("/a/./b/../c/") == "/a/c")
        #expect(GoPath.absolute("x/../y") == GoPath.clean(directory + "/y"))
        #expect(GoPath.absolute(".") == GoPath.clean(directory))
    }
}
