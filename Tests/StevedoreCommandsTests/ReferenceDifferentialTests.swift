import Foundation
import StevedoreTestSupport
import Testing

/// Ids and names that cannot name an object, through `stevedore` and through the docker CLI
/// against the same engine: both fail, with the same exit code and nothing on stdout.
///
/// The words differ on purpose. docker's client cleans its paths with Go's `path.Join`, so
/// `docker rm ..` sends `DELETE /v1.xx` and prints the daemon's 404 `page not found`; with
/// `-f` that 404 counts as a missing container and the command exits 0. Stevedore sends nothing
/// for a reference that names no object (`ObjectPath`) and says so, `-f` or not. An empty one is
/// refused in moby's client's words by both.
@Suite(
    "references no object can have, against the docker CLI",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() }, .serialized
)
struct ReferenceDifferentialTests {
    static let commandLines: [[String]] = [
        ["rm", ".."], ["rm", "."], ["container", "rm", ".."], ["rm", "/.."], ["rm", "..", "."],
        ["network", "rm", ".."], ["network", "rm", "."],
        ["volume", "rm", ".."], ["volume", "rm", "."],
        ["rmi", ".."], ["rmi", "."], ["image", "rm", ".."],
        ["rm", ""], ["rm", "/"], ["network", "rm", ""], ["volume", "rm", " "],
    ]

    @Test(arguments: Self.commandLines)
    func bothFailAsDockerDoes(arguments: [String]) async throws {
        let oracle = try await CLIOracle()
        let expected = try await oracle.docker.run(arguments)
        let actual = try await oracle.stevedore.run(arguments)
        #expect(expected.status != 0, "docker: \(expected)")
        #expect(actual.status == expected.status, "exit status of \(arguments): \(actual)")
        #expect(actual.standardOutput == expected.standardOutput, "stdout of \(arguments): \(actual)")
        #expect(!actual.standardError.isEmpty)
    }

    @Test func anEmptyNetworkNameIsRefusedInDockersWords() async throws {
        let oracle = try await CLIOracle()
        let arguments = ["network", "rm", ""]
        #expect(try await oracle.stevedore.run(arguments).standardError == (try await oracle.docker.run(arguments)).standardError)
    }

    /// `-f` makes a missing object no failure, as for docker, but the error is still reported.
    @Test(arguments: [["rm", "-f"], ["rmi", "-f"]])
    func forceReportsAMissingObjectAndSucceeds(command: [String]) async throws {
        let oracle = try await CLIOracle()
        let arguments = command + ["stevedore-no-such-\(UUID().uuidString.prefix(8).lowercased())"]
        let expected = try await oracle.docker.run(arguments)
        let actual = try await oracle.stevedore.run(arguments)
        #expect(expected.status == 0 && actual.status == 0, "\(expected) \(actual)")
        #expect(actual.standardError == expected.standardError)
    }
}
