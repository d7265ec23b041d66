import Stevedore
import Testing

@testable import StevedoreCommands

/// `run`'s exit code for a failure from the `--cidfile` to the start, which docker reads from
/// the error's text whatever failed (its `toStatusError`): 127 for something not found, 126
/// for a permission denied or a directory, 125 otherwise.
struct RunExitCodeTests {
    private func exitCode(_ error: DockerError) -> Int32 { StevedoreCommand.Container.Run.failure(error).exitCode }

    @Test func theDaemonsReasonsForACommandThatCannotStart() {
        let notFound = #"failed to create task for container: exec: "nope": executable file not found in $PATH"#
        #expect(exitCode(DockerError(category: .server, statusCode: 400, message: notFound)) == 127)
        let denied = #"failed to create task for container: exec: "/etc": permission denied"#
        #expect(exitCode(DockerError(category: .server, statusCode: 400, message: denied)) == 126)
        #expect(exitCode(DockerError(category: .notFound, statusCode: 404, message: "No such image: nope:latest")) == 125)
    }

    /// docker 28.2 gives 127 for a credential helper or an ssh client that is not installed,
    /// from its words, which the library's say too; and 125 for a daemon it cannot reach. (`FaultTests` runs
    /// `run` against a socket it may not open: 126, as docker.)
    @Test func theClientsOwnFailuresGiveDockersCodes() async throws {
        let helper = try CredentialHelper(name: "stevedore-not-installed", searchPath: ["/nonexistent"])
        let missing = await #expect(throws: DockerError.self) { try await helper.get("registry.example") }
        #expect(try exitCode(#require(missing)) == 127)
        let client = try DockerClient(configuration: .init(host: .unixSocket("/nonexistent/docker.sock")))
        defer { client.shutdown() }
        let unreachable = await #expect(throws: DockerError.self) { try await client.system.ping() }
        #expect(try exitCode(#require(unreachable)) == 125)
        // docker's ssh dialer: `exec: "ssh": executable file not found in $PATH`, 127.
        var configuration = DockerClientConfiguration(host: try DockerHost(parsing: "ssh://user@127.0.0.1"))
        configuration.ssh.executable = "stevedore-no-such-ssh"
        let sshClient = try DockerClient(configuration: configuration)
        defer { sshClient.shutdown() }
        let noSSH = await #expect(throws: DockerError.self) { try await sshClient.system.ping() }
        #expect(try exitCode(#require(noSSH)) == 127, "\(String(describing: noSSH))")
    }

    /// A container's or a build step's status as the process exits with it: never a success for
    /// a failure, whatever number the daemon sent (`exit(256)` would exit 0).
    @Test func aFailingStatusNeverExitsAsASuccess() {
        #expect(CommandFailure(failingStatus: 3).exitCode == 3)
        #expect(CommandFailure(failingStatus: 255).exitCode == 255)
        #expect(CommandFailure(failingStatus: 256).exitCode == 1)
        #expect(CommandFailure(failingStatus: 259).exitCode == 3)
        #expect(CommandFailure(failingStatus: -1).exitCode == 255)
        #expect(CommandFailure(failingStatus: Int.max).exitCode == 255)
        #expect(CommandFailure(failingStatus: Int64(1) << 40).exitCode == 1)
    }
}
