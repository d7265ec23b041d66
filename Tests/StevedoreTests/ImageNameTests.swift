import Stevedore
import Testing

/// References normalised as distribution/reference's `ParseNormalizedNamed` does.
@Suite struct ImageNameTests {
    @Test(arguments: [
        ("busybox", "docker.io/library/busybox", "busybox"),
        ("busybox:1.36", "docker.io/library/busybox:1.36", "busybox:1.36"),
        ("team/app", "docker.io/team/app", "team/app"),
        ("docker.io/busybox", "docker.io/library/busybox", "busybox"),
        ("index.docker.io/library/busybox", "docker.io/library/busybox", "busybox"),
        ("127.0.0.1:5000/a/b:v1", "127.0.0.1:5000/a/b:v1", "127.0.0.1:5000/a/b:v1"),
        ("localhost/app", "localhost/app", "localhost/app"),
        (
            "ghcr.io/o/r@sha256:" + String(repeating: "a", count: 64), "ghcr.io/o/r@sha256:" + String(repeating: "a", count: 64),
            "ghcr.io/o/r@sha256:" + String(repeating: "a", count: 64)
        ),
        ("a__b-c/x.y_z", "docker.io/a__b-c/x.y_z", "a__b-c/x.y_z"),
    ])
    func normalises(reference: String, full: String, familiar: String) throws {
        let name = try ImageName(parsing: reference)
        #expect(name.description == full)
        #expect(name.familiarString == familiar)
    }

    @Test func aBareNameGetsLatest() throws {
        #expect(try ImageName(parsing: "busybox").withDefaultTag.description == "docker.io/library/busybox:latest")
        #expect(try ImageName(parsing: "busybox:1").withDefaultTag.tag == "1")
        #expect(try ImageName(parsing: "127.0.0.1:5000/app").isNameOnly)
    }

    @Test(arguments: [
        ("UPPER", "invalid reference format: repository name (library/UPPER) must be lowercase"),
        ("Bad:x", "invalid reference format: repository name (library/Bad) must be lowercase"),
        ("a:b:c", "invalid reference format"),
        // The case is checked up to the first `:`, as docker checks it.
        ("a:B:c", "invalid reference format"),
        ("Ab:c:d", "invalid reference format: repository name (library/Ab) must be lowercase"),
        (
            "Abc@sha256:" + String(repeating: "0", count: 32),
            "invalid reference format: repository name (library/Abc@sha256) must be lowercase"
        ),
        ("a/", "invalid reference format"),
        ("-a", "invalid reference format"),
        ("a..b", "invalid reference format"),
        ("a:-tag", "invalid reference format"),
        ("a@sha256:short", "invalid reference format"),
        (
            String(repeating: "f", count: 64),
            "invalid repository name (\(String(repeating: "f", count: 64))), cannot specify 64-byte hexadecimal strings"
        ),
        // Fullwidth digits are hex digits to Swift, not to distribution/reference.
        (String(repeating: "\u{FF46}", count: 64), "invalid reference format"),
        ("a@sha256:" + String(repeating: "\u{FF46}", count: 32), "invalid reference format"),
    ])
    func refuses(reference: String, message: String) {
        #expect(throws: DockerError.self) { try ImageName(parsing: reference) }
        do {
            _ = try ImageName(parsing: reference)
        } catch let error as DockerError {
            #expect(error.message == message)
            #expect(error.category == .invalidInput)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
