import Testing

@testable import Stevedore

/// Ids and names are checked before any request, the same way for every object kind.
struct ObjectPathTests {
    @Test(arguments: [
        "", ".", "..", "a b", "a\tb", "a\u{7F}", "/", "/..", "a/b", "a\u{00A0}b", "a\u{2003}", "a\u{85}", "a\u{9F}b", "a/\u{0301}b",
    ])
    func containerReferencesThatCannotNameAContainerAreRefused(reference: String) {
        #expect(throws: DockerError.self) { try ObjectPath.container(reference) }
    }

    @Test func aContainerNameMayStartWithASlashAsTheAPIShowsIt() throws {
        #expect(try ObjectPath.container("/web", "/start") == "/containers/%2Fweb/start")
        #expect(try ObjectPath.container("abc123") == "/containers/abc123")
        #expect(try ObjectPath.container("café") == "/containers/caf%C3%A9")
        #expect(try ObjectPath.container("a!b~") == "/containers/a%21b~")
        // The leading `/` is one byte, whatever joins it: the daemon looks up `\u{301}b`.
        #expect(try ObjectPath.container("/\u{301}b") == "/containers/%2F%CC%81b")
    }

    @Test func imageReferencesKeepTheirSlashesInOneEscapedSegment() throws {
        #expect(try ObjectPath.image("host:5000/team/app:v1", "/json") == "/images/host%3A5000%2Fteam%2Fapp%3Av1/json")
        #expect(throws: DockerError.self) { try ObjectPath.image("..") }
    }

    @Test(arguments: [ObjectPath.network, .volume, .exec])
    func otherKindsRefuseEverySlashAndDotSegments(kind: ObjectPath) {
        for reference in ["a/b", "/a", ".", "..", ""] {
            #expect(throws: DockerError.self) { try kind(reference) }
        }
        #expect((try? kind("name-1.x")) == "/\(kind.collection)/name-1.x")
    }

    /// The daemon creates a network whose name has spaces as given; it can be inspected and
    /// removed by it. Control characters stay refused.
    @Test func aNetworksNameMayHoldWhiteSpace() throws {
        #expect(try ObjectPath.network("my net\u{00A0}1") == "/networks/my%20net%C2%A01")
        for reference in ["a\tb", "a\u{85}", "a\u{7F}", " / "] {
            #expect(throws: DockerError.self) { try ObjectPath.network(reference) }
        }
        #expect(throws: DockerError.self) { try ObjectPath.volume("a b") }
    }

    @Test func theErrorNamesTheKindAndTheReference() {
        let error = #expect(throws: DockerError.self) { try ObjectPath.volume("..") }
        #expect(error?.message == "invalid volume name or ID: \"..\" names no volume")
    }
}
