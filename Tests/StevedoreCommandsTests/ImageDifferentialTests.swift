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
    let oracle: CLIOracle
    var docker: CommandLineProcess { self.oracle.docker }
    var stevedore: CommandLineProcess { self.oracle.stevedore }
    let scope = "stevedore-imgdiff-\(UUID().uuidString.prefix(8).lowercased())"

    init() async throws {
        self.oracle = try await CLIOracle()
    }

    private func expectSame(
        _ arguments: [String], environment: [String: String?] = [:], compareErrors: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        try await self.oracle.expectSame(arguments, environment: environment, compareErrors: compareErrors, sourceLocation: sourceLocation)
    }

    static func masked(_ text: String) -> String { CLIOracle.masked(text) }

    @Test func listHistoryInspectTagAndRemoveMatchDocker() async throws {
        let repository = self.scope + "/app"
        let image = repository + ":a"
        try await TestEngine.withResources { client, resources in
            // An image of its own: other tests tag the shared test image meanwhile, which would
            // change its RepoTags between the two tools' runs.
            let archive = TestArchive.tar(files: [("unique.txt", UUID().uuidString)])
            _ = try await client.images.import(from: .archive(.bytes(archive)), options: .init(repository: image)).finish()
            try await client.images.tag(image, repository: repository, tag: "b")
            for tag in ["a", "b", "c"] { resources.image(repository + ":" + tag) }
            for arguments in [
                ["images", repository],
                ["images", "-q", repository],
                ["images", "--no-trunc", repository],
                ["images", "--digests", repository],
                [
                    "images", "-a", "--format",
                    "{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}} {{.VirtualSize}} {{.Containers}} {{.SharedSize}}", repository,
                ],
                ["images", "--format", "json", repository],
                ["image", "ls", "--format", "table {{.Tag}}\t{{.CreatedAt}}\t{{.Digest}}", repository],
                ["images", "--filter", "reference=\(image)"],
                ["images", "--filter", "reference=\(self.scope)/*", "--filter", "dangling=false", "--format", "{{.Tag}}"],
                ["images", "--filter", "dangling=maybe"],
                // API 1.47: the tree on Docker 28.5, the version refusal on 20.10.
                ["images", "--tree", repository],
                ["image", "ls", "--tree", "-a", "--filter", "reference=\(self.scope)/*"],
                ["images", "--tree", "-q", repository],
                ["images", "--tree", "--digests", "--format", "json", repository],
                ["history", image],
                ["history", "-H=false", image],
                ["history", "-q", image],
                ["history", "--no-trunc", "--format", "{{.ID}}|{{.CreatedBy}}|{{.Size}}|{{.Comment}}|{{.CreatedAt}}", image],
                ["history", "--format", "json", image],
                ["image", "inspect", "--format", "{{.Id}} {{.Os}} {{.Architecture}} {{.RepoTags}} {{.Size}}", image],
                ["image", "inspect", self.scope + "-missing"],
                ["image", "inspect", image],
                ["history", self.scope + "-missing"],
                ["rmi", self.scope + "-missing"],
                ["tag", self.scope + "-missing", "x"],
                ["tag", image, "Bad:x"],
                ["pull", "UPPER"],
            ] {
                try await self.expectSame(arguments)
            }
            // A malformed filter: pflag's refusal, then the command's usage, as docker's.
            try await self.expectSame(["images", "-f", "bad"], compareErrors: false)
            #expect(
                try await self.stevedore.run(["images", "-f", "bad"]).standardError.replacing("stevedore", with: "docker")
                    == (try await self.docker.run(["images", "-f", "bad"])).standardError)
            // Tag then remove, each with its own tool: the same lines.
            for tool in [self.docker, self.stevedore] {
                #expect(try await tool.run(["tag", image, repository + ":c"]).status == 0)
                let removed = try await tool.run(["rmi", repository + ":c"])
                #expect(removed.standardOutput == "Untagged: \(repository):c\n", "\(removed)")
            }
        }
    }

    /// `save -o` and `export -o`: a destination that cannot be written is refused before any
    /// request, in docker's words; an empty one is standard output.
    @Test func outputFilesAreCheckedAsDockerChecksThem() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-output-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("link").path, withDestinationPath: "nowhere")
        for output in [directory.path, directory.path + "/missing/x.tar", "/etc/passwd/x.tar", "/dev/null", directory.path + "/link"] {
            try await self.expectSame(["save", "-o", output, TestEngine.image])
            try await self.expectSame(["export", "-o", output, "stevedore-no-such-container"])
        }
        let saved = try await self.stevedore.run(["save", "-o", "", TestEngine.image])
        #expect(saved.status == 0 && saved.standardOutput.contains("ustar"), "exit \(saved.status): \(saved.standardError)")
    }

    /// `--platform` of the commands that pick variants of an image: refused below their API
    /// version (dockerd 20.10), passed to the daemon above it (Docker 28.5), and a malformed
    /// specifier refused with docker's words for each command.
    @Test func platformFlagsMatchDocker() async throws {
        let image = self.scope + "/platform:a"
        let archive = FileManager.default.temporaryDirectory.appendingPathComponent(self.scope + "-platform.tar").path
        defer { try? FileManager.default.removeItem(atPath: archive) }
        try await TestEngine.withResources { client, resources in
            let content = TestArchive.tar(files: [("unique.txt", UUID().uuidString)])
            _ = try await client.images.import(from: .archive(.bytes(content)), options: .init(repository: image)).finish()
            resources.image(image)
            let here = "linux/" + (try await client.images.inspect(image).architecture ?? "amd64")
            #expect(try await self.docker.run(["save", "-o", archive, image]).status == 0)
            for arguments in [
                ["image", "inspect", "--platform", here, "--format", "{{.Id}} {{.Os}}", image],
                ["image", "inspect", "--platform", "windows/arm64", image],
                ["image", "inspect", "--platform", "linux/amd 64", image],
                ["history", "--platform", here, "--format", "{{.ID}} {{.Size}}", image],
                ["history", "--platform", "windows/arm64", image],
                ["history", "--platform", "z80", image],
                ["save", "--platform", "*", "-o", archive + ".2", image],
                ["load", "--platform", here, "-i", archive],
                ["load", "--platform", "a/b/c/d", "-i", archive],
                ["rmi", "--platform", "windows/arm64", image],
                ["image", "rm", "--platform", "linux/", image],
                ["push", "--platform", "z80", image],
            ] {
                try await self.expectSame(arguments)
            }
            // The archive saved for one platform holds the same image as docker's (API ≥ 1.48).
            guard try await client.apiVersion() >= APIVersion(1, 48) else { return }
            for tool in [self.docker, self.stevedore] {
                let saved = try await tool.run(["save", "--platform", here, "-o", archive + ".2", image])
                #expect(saved.status == 0, "\(saved)")
                let loaded = try await tool.run(["load", "-i", archive + ".2"])
                #expect(loaded.standardOutput == "Loaded image: \(image)\n", "\(loaded)")
                try? FileManager.default.removeItem(atPath: archive + ".2")
            }
        }
    }

    @Test func pullAndPushMatchDockerOnARealRegistry() async throws {
        try await TestRegistry.withRegistry { registry in
            let reference = "\(registry.address)/\(self.scope):1"
            try await TestEngine.withResources { client, resources in
                try await client.images.tag(TestEngine.image, repository: "\(registry.address)/\(self.scope)", tag: "1")
                resources.image(reference)
                resources.image("\(registry.address)/\(self.scope):latest")
                // The first push uploads; every later one finds the layer there: compare those.
                #expect(try await self.docker.run(["push", reference]).status == 0)
                try await self.expectSame(["push", reference])
                try await self.expectSame(["push", "-q", reference])
                try await self.expectSame(["push", "--platform", "linux/amd64", reference])
                try await self.expectSame(["push", "\(registry.address)/\(self.scope)"], compareErrors: false)
                for tool in [self.docker, self.stevedore] {
                    // Removed then pulled back: the layer is still there under the test image's name.
                    #expect(try await tool.run(["rmi", reference]).status == 0)
                    let pulled = try await tool.run(["pull", reference])
                    #expect(pulled.status == 0, "\(pulled)")
                    #expect(
                        Self.masked(pulled.standardOutput) == """
                            1: Pulling from \(self.scope)
                            Digest: sha256:<ID>
                            Status: Downloaded newer image for \(reference)
                            \(reference)

                            """, "\(pulled)")
                }
                try await self.expectSame(["pull", reference])
                try await self.expectSame(["pull", "-q", reference])
                try await self.expectSame(["pull", "\(registry.address)/\(self.scope):missing"])
                try await self.expectSame(["pull", "\(registry.address)/\(self.scope)"])
            }
        }
    }

    /// Pull progress on a real terminal (tmux): per-layer lines redrawn in place. What is
    /// compared is the screen once the pull is over, as tmux renders both tools' output.
    @Test func pullProgressOnATerminalMatchesDocker() async throws {
        let tmux = try #require(CommandLineProcess.onPath("tmux"), "tmux renders the terminal (scripts/test installs it)")
        try await TestRegistry.withRegistry { registry in
            let repository = "\(registry.address)/\(self.scope)-tty"
            let reference = "\(repository):1"
            try await TestEngine.withResources { client, resources in
                // An image with a layer of its own, so that a pull downloads and extracts it.
                let container = try await client.containers.create(
                    ContainerCreateBody(cmd: ["sh", "-c", "echo \(self.scope) > /unique"], image: TestEngine.image)
                ).id
                resources.container(container)
                try await client.containers.start(container)
                _ = try await client.containers.wait(container)
                try await client.images.commit(container, options: .init(repository: repository, tag: "1"))
                resources.image(reference)
                _ = try await client.images.push(reference).finish()
                try await client.containers.remove(container)
                var screens: [String] = []
                for tool in [self.docker, self.stevedore] {
                    _ = try await client.images.remove(reference)
                    screens.append(Self.masked(try await TerminalScreen.final(of: tool, ["pull", reference], tmux: tmux)))
                }
                #expect(screens[1] == screens[0], "stevedore's screen:\n\(screens[1])\ndocker's:\n\(screens[0])")
                #expect(screens[0].contains("<ID>: Pull complete"), "docker's screen:\n\(screens[0])")
            }
        }
    }

    @Test func classicBuildOutputMatchesDockerOffATerminal() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(self.scope)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("FROM \(TestEngine.image)\nARG X=1\nRUN echo hello $X\nLABEL a=b\nCOPY f /f\n".utf8).write(
            to: directory.appendingPathComponent("Dockerfile"))
        try Data("data\n".utf8).write(to: directory.appendingPathComponent("f"))
        try Data("FROM \(TestEngine.image)\nRUN exit 3\n".utf8).write(to: directory.appendingPathComponent("Failing"))
        let tag = self.scope + "-built:1"
        try await TestEngine.withResources { _, resources in
            resources.image(tag)
            let legacy: [String: String?] = ["DOCKER_BUILDKIT": "0"]
            let arguments = ["build", "--no-cache", "--build-arg", "X=2", "-t", tag, directory.path]
            let expected = try await self.docker.run(arguments, environment: legacy)
            let actual = try await self.stevedore.run(arguments + ["--progress", "plain"], environment: legacy)
            #expect(actual.status == 0 && expected.status == 0, "\(actual)")
            #expect(Self.masked(actual.standardOutput) == Self.masked(expected.standardOutput))
            #expect(actual.standardOutput.hasPrefix("Sending build context to Docker daemon  4.096kB\r\r\n"), "\(actual)")
            // A failing RUN: its exit code, and the daemon's message alone on stderr.
            // --no-cache (here and below): the daemon's cache probe walks the children of the base
            // image, which other tests' builds and commits add and remove meanwhile ("unable to
            // find image sha256:…"). --force-rm: the failed RUN's container would otherwise stay
            // in the engine after the test.
            let failing = [
                "build", "--no-cache", "--force-rm", "-f", directory.appendingPathComponent("Failing").path, directory.path,
            ]
            let expectedFailure = try await self.docker.run(failing, environment: legacy)
            let actualFailure = try await self.stevedore.run(failing, environment: legacy)
            #expect(actualFailure.status == 3 && expectedFailure.status == 3, "\(actualFailure)")
            #expect(Self.masked(actualFailure.standardOutput) == Self.masked(expectedFailure.standardOutput))
            #expect(expectedFailure.standardError.hasSuffix(actualFailure.standardError), "\(actualFailure)")
            // With -q, a failure shows what was held back (the upload line, the daemon's steps) on
            // stderr; a refused build (no such stage) the upload line, on stdout without -q. A
            // stale --iidfile goes first; one that cannot be written fails in Go's words.
            let iidfile = directory.appendingPathComponent("iid").path
            for arguments in [
                ["build", "-q", "--iidfile", iidfile] + failing.dropFirst(), ["build", "-q", "--target", "nosuch", directory.path],
                ["build", "--target", "nosuch", directory.path],
                ["build", "-q", "--no-cache", "--iidfile", "/nonexistent/iid", directory.path],
            ] {
                let expected = try await self.docker.run(arguments, environment: legacy)
                let actual = try await self.stevedore.run(arguments, environment: legacy)
                #expect(actual.status == expected.status, "\(actual)")
                #expect(Self.masked(actual.standardOutput) == Self.masked(expected.standardOutput), "\(actual)")
                #expect(Self.masked(expected.standardError).hasSuffix(Self.masked(actual.standardError)), "\(actual)\n\(expected)")
                #expect(
                    actual.standardError.contains("Sending build context") == expected.standardError.contains("Sending build context"),
                    "\(actual)")
            }
            // A Dockerfile on stdin as the context, and another named by `-f`: refused as ambiguous.
            let ambiguous = ["build", "-f", directory.appendingPathComponent("Failing").path, "-"]
            let dockerfile = Data("FROM scratch\n".utf8)
            let expectedAmbiguous = try await self.docker.run(ambiguous, environment: legacy, input: dockerfile)
            let actualAmbiguous = try await self.stevedore.run(ambiguous, environment: legacy, input: dockerfile)
            #expect(actualAmbiguous.status == 1 && expectedAmbiguous.status == 1, "\(expectedAmbiguous)")
            #expect(expectedAmbiguous.standardError.hasSuffix(actualAmbiguous.standardError), "\(actualAmbiguous)")
            #expect(actualAmbiguous.standardError.contains("ambiguous Dockerfile source"), "\(actualAmbiguous)")
            try Data("stale".utf8).write(to: URL(fileURLWithPath: iidfile))
            let failed = try await self.stevedore.run(["build", "-q", "--iidfile", iidfile] + failing.dropFirst(), environment: legacy)
            #expect(failed.status == 3 && !FileManager.default.fileExists(atPath: iidfile), "\(failed)")
            // -q prints the image id, as --iidfile writes it.
            let quiet = try await self.stevedore.run(
                ["build", "-q", "--no-cache", "--iidfile", iidfile, "-t", tag, directory.path], environment: legacy)
            try #require(quiet.status == 0, "\(quiet)")
            let written = try String(contentsOfFile: iidfile, encoding: .utf8)
            #expect(quiet.standardOutput.hasPrefix("sha256:") && quiet.standardOutput == written)
        }
    }

    /// `--compress`: the same output as docker's but for the size sent, which is gzip's (Go's
    /// and zlib's gzip differ by a few bytes), a small part of the context's 1.5 MB.
    @Test func compressedClassicBuildMatchesDocker() async throws {
        let directory = try TestContextDirectory.make([
            "Dockerfile": "FROM \(TestEngine.image)\nCOPY big /big\nRUN md5sum /big\n",
            "big": String(repeating: "a line of a build context that compresses well\n", count: 30_000),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let legacy: [String: String?] = ["DOCKER_BUILDKIT": "0"]
        let arguments = ["build", "--compress", "--no-cache", "--rm", directory.path]
        try await TestEngine.withResources { _, resources in
            var outputs: [String] = []
            for tool in [self.docker, self.stevedore] {
                let outcome = try await tool.run(arguments, environment: legacy)
                try #require(outcome.status == 0, "\(outcome)")
                // By bytes: `\r\n` is one Character, which a split at "\n" would not cut.
                let lines = outcome.standardOutput.utf8.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
                lines.last { $0.hasPrefix("Successfully built ") }.map { resources.image(String($0.dropFirst(18))) }
                let sending = try #require(lines.first, "\(outcome)")
                // kB: compressed; uncompressed it would be 1.44MB.
                #expect(sending.hasPrefix("Sending build context to Docker daemon") && sending.hasSuffix("kB\r\r"), "\(sending)")
                outputs.append(Self.masked(lines.dropFirst().joined(separator: "\n")))
            }
            #expect(outputs[1] == outputs[0])
        }
    }

    @Test func loginAndLogoutWriteTheConfigAsDockerDoes() async throws {
        let password = "s3+cr/t="
        try await TestRegistry.withRegistry(username: "alice", password: password) { registry in
            var configs: [[String: Any]] = []
            for tool in [self.docker, self.stevedore] {
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(self.scope)-config-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: directory) }
                let environment: [String: String?] = ["DOCKER_CONFIG": directory.path]
                let refused = try await tool.run(
                    ["login", "-u", "alice", "--password-stdin", registry.address], environment: environment, input: Data("wrong\n".utf8))
                #expect(refused.status == 1 && refused.standardError.contains("401 Unauthorized"), "\(refused)")
                // A line ended as on Windows: docker trims the "\n" and then the "\r".
                let login = try await tool.run(
                    ["login", "-u", "alice", "--password-stdin", registry.address], environment: environment,
                    input: Data((password + "\r\n").utf8))
                #expect(login.status == 0 && login.standardOutput == "Login Succeeded\n", "\(login)")
                let file = directory.appendingPathComponent("config.json")
                configs.append(try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]))
                let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
                #expect(permissions == 0o600)
                let logout = try await tool.run(["logout", registry.address], environment: environment)
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
            let flagged = try await self.stevedore.run(
                ["--config", directory.path, "login", "-u", "alice", "--password-stdin", registry.address], input: Data(password.utf8))
            #expect(flagged.status == 0, "\(flagged)")
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("config.json").path))
        }
    }
}
