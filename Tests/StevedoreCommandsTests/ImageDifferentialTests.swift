import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// The image and registry commands through `stevedore` and through the docker CLI (the oracle
/// only) against the same engine and a real registry: output and exit codes must match once
/// ids, digests and durations are masked.
@Suite(
    "image commands against the docker CLI",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() }
)
struct ImageDifferentialTests {
    let docker: CommandLineProcess
    let stevedore = CommandLineProcess.stevedore
    let scope = "stevedore-imgdiff-\(UUID().uuidString.prefix(8).lowercased())"

    init() throws {
        self.docker = try #require(CommandLineProcess.onPath("docker"), "the docker CLI is the oracle of this test")
    }

    /// Runs `arguments` with both, expecting the same exit status and masked stdout (and
    /// stderr when both fail, unless `compareErrors` is off).
    private func expectSame(
        _ arguments: [String], environment: [String: String?] = [:], input: Data = Data(), compareErrors: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let expected = try self.docker.run(arguments, environment: environment, input: input)
        let actual = try self.stevedore.run(arguments, environment: environment, input: input)
        #expect(actual.status == expected.status, "exit status of \(arguments): \(actual)", sourceLocation: sourceLocation)
        #expect(Self.masked(actual.standardOutput) == Self.masked(expected.standardOutput), "stdout of \(arguments)", sourceLocation: sourceLocation)
        if compareErrors && expected.status != 0 {
            #expect(Self.masked(actual.standardError) == Self.masked(expected.standardError), "stderr of \(arguments)", sourceLocation: sourceLocation)
        }
    }

    static func masked(_ text: String) -> String {
        ContainerDifferentialTests.normalized(DifferentialTests.masked(text))
    }

    @Test func listHistoryInspectTagAndRemoveMatchDocker() async throws {
        let repository = self.scope + "/app"
        let image = repository + ":a"
        try await TestEngine.withClient { client in
            try await client.tagImage(TestEngine.image, repository: repository, tag: "a")
            try await client.tagImage(TestEngine.image, repository: repository, tag: "b")
        }
        defer { _ = try? self.docker.run(["rmi", image, repository + ":b", repository + ":c"]) }
        for arguments in [
            ["images", repository],
            ["images", "-q", repository],
            ["images", "--no-trunc", repository],
            ["images", "--digests", repository],
            ["images", "-a", "--format", "{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}} {{.VirtualSize}} {{.Containers}} {{.SharedSize}}", repository],
            ["images", "--format", "json", repository],
            ["image", "ls", "--format", "table {{.Tag}}\t{{.CreatedAt}}\t{{.Digest}}", repository],
            ["images", "--filter", "reference=\(image)"],
            ["images", "--filter", "reference=\(self.scope)/*", "--filter", "dangling=false", "--format", "{{.Tag}}"],
            ["images", "--filter", "dangling=maybe"],
            ["history", image],
            ["history", "-H=false", image],
            ["history", "-q", image],
            ["history", "--no-trunc", "--format", "{{.ID}}|{{.CreatedBy}}|{{.Size}}|{{.Comment}}|{{.CreatedAt}}", image],
            ["history", "--format", "json", image],
            ["image", "inspect", "--format", "{{.Id}} {{.Os}} {{.Architecture}} {{.RepoTags}} {{.Size}}", image],
            ["image", "inspect", self.scope + "-missing"],
            ["history", self.scope + "-missing"],
            ["rmi", self.scope + "-missing"],
            ["tag", self.scope + "-missing", "x"],
            ["tag", image, "Bad:x"],
            ["pull", "UPPER"],
        ] {
            try self.expectSame(arguments)
        }
        // docker adds its usage text to a bad flag; the message and the status are the same.
        let badFilter = try self.stevedore.run(["images", "-f", "bad"])
        #expect(badFilter.status == (try self.docker.run(["images", "-f", "bad"])).status)
        #expect(badFilter.standardError == "invalid argument \"bad\" for \"-f, --filter\" flag: bad format of filter (expected name=value)\n")
        // Tag then remove, each with its own tool: the same lines.
        for tool in [self.docker, self.stevedore] {
            #expect(try tool.run(["tag", image, repository + ":c"]).status == 0)
            let removed = try tool.run(["rmi", repository + ":c"])
            #expect(removed.standardOutput == "Untagged: \(repository):c\n", "\(removed)")
        }
    }

    @Test func pullAndPushMatchDockerOnARealRegistry() async throws {
        let registry = try TestRegistry()
        defer { registry.stop() }
        let reference = "\(registry.address)/\(self.scope):1"
        try await TestEngine.withClient { client in
            try await client.tagImage(TestEngine.image, repository: "\(registry.address)/\(self.scope)", tag: "1")
        }
        defer { _ = try? self.docker.run(["rmi", reference, "\(registry.address)/\(self.scope):latest"]) }
        // The first push uploads; every later one finds the layer there: compare those.
        #expect(try self.docker.run(["push", reference]).status == 0)
        try self.expectSame(["push", reference])
        try self.expectSame(["push", "-q", reference])
        try self.expectSame(["push", "\(registry.address)/\(self.scope)"], compareErrors: false)
        for tool in [self.docker, self.stevedore] {
            // Removed then pulled back: the layer is still there under the test image's name.
            #expect(try tool.run(["rmi", reference]).status == 0)
            let pulled = try tool.run(["pull", reference])
            #expect(pulled.status == 0, "\(pulled)")
            #expect(Self.masked(pulled.standardOutput) == """
                1: Pulling from \(self.scope)
                Digest: sha256:<ID>
                Status: Downloaded newer image for \(reference)
                \(reference)

                """, "\(pulled)")
        }
        try self.expectSame(["pull", reference])
        try self.expectSame(["pull", "-q", reference])
        try self.expectSame(["pull", "\(registry.address)/\(self.scope):missing"])
        try self.expectSame(["pull", "\(registry.address)/\(self.scope)"])
    }

    @Test func classicBuildOutputMatchesDockerOffATerminal() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(self.scope)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("FROM \(TestEngine.image)\nARG X=1\nRUN echo hello $X\nLABEL a=b\nCOPY f /f\n".utf8).write(to: directory.appendingPathComponent("Dockerfile"))
        try Data("data\n".utf8).write(to: directory.appendingPathComponent("f"))
        try Data("FROM \(TestEngine.image)\nRUN exit 3\n".utf8).write(to: directory.appendingPathComponent("Failing"))
        let tag = self.scope + "-built:1"
        defer { _ = try? self.docker.run(["rmi", tag]) }
        let legacy: [String: String?] = ["DOCKER_BUILDKIT": "0"]
        let arguments = ["build", "--no-cache", "--build-arg", "X=2", "-t", tag, directory.path]
        let expected = try self.docker.run(arguments, environment: legacy)
        let actual = try self.stevedore.run(arguments + ["--progress", "plain"])
        #expect(actual.status == 0 && expected.status == 0, "\(actual)")
        #expect(Self.masked(actual.standardOutput) == Self.masked(expected.standardOutput))
        #expect(actual.standardOutput.hasPrefix("Sending build context to Docker daemon  4.096kB\r\r\n"), "\(actual)")
        // A failing RUN: its exit code, and the daemon's message alone on stderr.
        let failing = ["build", "-f", directory.appendingPathComponent("Failing").path, directory.path]
        let expectedFailure = try self.docker.run(failing, environment: legacy)
        let actualFailure = try self.stevedore.run(failing)
        #expect(actualFailure.status == 3 && expectedFailure.status == 3, "\(actualFailure)")
        #expect(Self.masked(actualFailure.standardOutput) == Self.masked(expectedFailure.standardOutput))
        #expect(expectedFailure.standardError.hasSuffix(actualFailure.standardError), "\(actualFailure)")
        // -q prints the image id, as --iidfile writes it.
        let iidfile = directory.appendingPathComponent("iid").path
        let quiet = try self.stevedore.run(["build", "-q", "--iidfile", iidfile, "-t", tag, directory.path])
        #expect(quiet.status == 0)
        let written = try String(contentsOfFile: iidfile, encoding: .utf8)
        #expect(quiet.standardOutput.hasPrefix("sha256:") && quiet.standardOutput == written)
    }

    @Test func loginAndLogoutWriteTheConfigAsDockerDoes() throws {
        let password = "s3+cr/t="
        let registry = try TestRegistry(username: "alice", password: password)
        defer { registry.stop() }
        var configs: [[String: Any]] = []
        for tool in [self.docker, self.stevedore] {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(self.scope)-config-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let environment: [String: String?] = ["DOCKER_CONFIG": directory.path]
            let refused = try tool.run(["login", "-u", "alice", "--password-stdin", registry.address], environment: environment, input: Data("wrong\n".utf8))
            #expect(refused.status == 1 && refused.standardError.contains("401 Unauthorized"), "\(refused)")
            let login = try tool.run(["login", "-u", "alice", "--password-stdin", registry.address], environment: environment, input: Data((password + "\n").utf8))
            #expect(login.status == 0 && login.standardOutput == "Login Succeeded\n", "\(login)")
            let file = directory.appendingPathComponent("config.json")
            configs.append(try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]))
            let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(permissions == 0o600)
            let logout = try tool.run(["logout", registry.address], environment: environment)
            #expect(logout.standardOutput == "Removing login credentials for \(registry.address)\n", "\(logout)")
            let after = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            #expect((after["auths"] as? [String: Any])?.isEmpty == true)
        }
        #expect(NSDictionary(dictionary: configs[0]) == NSDictionary(dictionary: configs[1]), "\(configs)")
        let auth = ((configs[1]["auths"] as? [String: Any])?[registry.address] as? [String: Any])?["auth"] as? String
        #expect(auth == Data("alice:\(password)".utf8).base64EncodedString())
        // The global --config names the directory too.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(self.scope)-flag-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let flagged = try self.stevedore.run(
            ["--config", directory.path, "login", "-u", "alice", "--password-stdin", registry.address], input: Data(password.utf8))
        #expect(flagged.status == 0, "\(flagged)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("config.json").path))
    }
}
