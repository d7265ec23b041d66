import Foundation
import StevedoreTestSupport
import Testing

/// The binary's behaviour that needs no engine: arguments, errors, exit codes.
@Suite struct CLIBehaviourTests {
    let stevedore = CommandLineProcess.stevedore

    @Test func versionFlagPrintsTheLibraryVersion() throws {
        let outcome = try self.stevedore.run(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test func anUnreachableDaemonIsExitCodeOneWithAHint() throws {
        let outcome = try self.stevedore.run(["info"], environment: ["DOCKER_HOST": "unix:///nonexistent/docker.sock"])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.standardError.contains("Cannot connect to the Docker daemon at unix:///nonexistent/docker.sock"))
        #expect(outcome.standardError.contains("is the Docker daemon running?"))
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test func globalOptionsGoBeforeTheCommandAsWithDocker() throws {
        let outcome = try self.stevedore.run(["-H", "unix:///nonexistent/other.sock", "info"], environment: ["DOCKER_HOST": nil])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("unix:///nonexistent/other.sock"))
        let equalsForm = try self.stevedore.run(["--host=unix:///nonexistent/third.sock", "system", "info"])
        #expect(equalsForm.standardError.contains("unix:///nonexistent/third.sock"), "\(equalsForm)")
    }

    @Test func aMalformedHostNamesTheValueAndTheAcceptedForms() throws {
        let outcome = try self.stevedore.run(["-H", "localhost:2375", "version"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("invalid Docker host \"localhost:2375\""))
        #expect(outcome.standardError.contains("tcp://host:port"))
    }

    @Test func aMalformedVersionPinIsRefused() throws {
        let outcome = try self.stevedore.run(["info"], environment: ["DOCKER_API_VERSION": "new"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("DOCKER_API_VERSION"))
    }

    @Test func anUnknownCommandIsAUsageError() throws {
        let outcome = try self.stevedore.run(["frobnicate"])
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("frobnicate"))
    }

    @Test func anUnknownLogLevelIsRefused() throws {
        let outcome = try self.stevedore.run(["-l", "loud", "info"])
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("unable to parse logging level: loud"))
    }

    @Test func completionScriptsAreGenerated() throws {
        let outcome = try self.stevedore.run(["--generate-completion-script", "bash"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("stevedore"))
    }
}
