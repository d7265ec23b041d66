import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// `stevedore build` with BuildKit: its plain progress against `docker buildx build`'s (Debian's
/// docker-buildx beside engine 28, the oracle only), and its BuildKit flags.
@Suite(
    "build with BuildKit",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct BuildKitCommandTests {
    let stevedore = CommandLineProcess.stevedore
    let scope = "stevedore-bkcli-\(UUID().uuidString.prefix(8).lowercased())"

    /// Whether the engine builds with BuildKit by default (Docker 23 and later).
    private static func prefersBuildKit(_ client: DockerClient) async throws -> Bool {
        try await client.system.ping().builderVersion == "2"
    }

    /// `docker-buildx` run on its own (it works without the docker CLI), with its state in a
    /// directory of the test's; `nil` when scripts/engine did not provide it, which fails the
    /// test under STEVEDORE_REQUIRE_ENGINE.
    private static func buildx(home: URL) throws -> CommandLineProcess? {
        guard let path = ProcessInfo.processInfo.environment["STEVEDORE_BUILDX"], !path.isEmpty else {
            try #require(
                !TestEngine.isRequired,
                "STEVEDORE_BUILDX is not set: scripts/engine --engine 28 provides docker-buildx as this test's oracle")
            FileHandle.standardError.write(Data("warning: STEVEDORE_BUILDX is not set; the buildx comparison is skipped\n".utf8))
            return nil
        }
        return CommandLineProcess(
            executable: URL(fileURLWithPath: path),
            environment: ["HOME": home.path, "BUILDX_CONFIG": home.appendingPathComponent("buildx").path])
    }

    /// Plain progress reduced to what does not depend on timing: per step (by its header,
    /// whatever its number), its sub-tasks in their last form without sizes, times and
    /// digests, its output lines (sorted: the daemon interleaves stdout and stderr as they
    /// come), and its end. A `FROM` step is named without its stage and counts as done whether
    /// cached or not: identical steps of concurrent builds are one step to BuildKit, under one
    /// of their names, and whether an image is loaded or found cached depends on them too.
    static func steps(_ progress: String) -> [String: [String]] {
        var steps: [String: (statuses: [String], output: [String], end: [String])] = [:]
        var names: [String: String] = [:]
        for line in progress.split(separator: "\n") {
            guard let match = line.wholeMatch(of: /#(\d+) (.*)/) else { continue }
            let (number, text) = (String(match.1), String(match.2))
            // buildx's `#0 building with "default" instance…`: its builder, not a step.
            guard number != "0" else { continue }
            guard let name = names[number] else {
                names[number] = text.replacing(#/^\[[^\]]*\] FROM /#, with: "FROM ")
                continue
            }
            // A header again (a FROM step may come back under another build's stage name).
            guard text != "...", text.replacing(#/^\[[^\]]*\] FROM /#, with: "FROM ") != name else { continue }
            var step = steps[name, default: ([], [], [])]
            if let log = text.wholeMatch(of: /\d+\.\d+ (.*)/) {
                step.output.append(String(log.1))
            } else if text.hasPrefix("DONE ") || text == "CACHED" || text.hasPrefix("ERROR") {
                step.end = [
                    name.hasPrefix("FROM ") || !text.hasPrefix("DONE") ? text.replacing(/^(DONE .*|CACHED)$/, with: "DONE") : "DONE"
                ]
            } else {
                let subtask = text.replacing(/sha256:[0-9a-f]{64}/, with: "sha256:…")
                    .replacing(/( \d+(\.\d+)?(B|kB|MB|GB)( \/ \d+(\.\d+)?(B|kB|MB|GB))?)?( \d+\.\d+s)?(?<done> done)?$/, with: "")
                step.statuses.removeAll { $0.hasPrefix(subtask) }
                step.statuses.append(subtask + (text.hasSuffix(" done") ? " done" : ""))
            }
            steps[name] = step
        }
        return steps.mapValues { $0.statuses + $0.output.sorted() + $0.end }
    }

    @Test func plainProgressHasBuildxsSteps() async throws {
        try await TestEngine.withResources { client, resources in
            guard try await Self.prefersBuildKit(client) else { return }
            let home = FileManager.default.temporaryDirectory.appendingPathComponent(self.scope + "-home")
            defer { try? FileManager.default.removeItem(at: home) }
            guard let buildx = try Self.buildx(home: home) else { return }
            let directory = try TestContextDirectory.make([
                ".dockerignore": "*.log\n", "a.txt": "a\n", "b.log": "b\n",
                "Dockerfile": """
                FROM \(TestEngine.image) AS base
                RUN echo first line && echo second line >&2
                COPY a.txt /a.txt
                FROM base
                RUN --mount=type=secret,id=token wc -c < /run/secrets/token
                RUN <<EOF
                echo from a heredoc
                EOF

                """,
            ])
            defer { try? FileManager.default.removeItem(at: directory) }
            let token = directory.appendingPathComponent("token.log")
            try Data("sekret".utf8).write(to: token)
            let tag = self.scope + ":1"
            resources.image(tag)
            let arguments = [
                "build", "--progress", "plain", "--no-cache", "--network", "none", "--secret", "id=token,src=\(token.path)", "-t", tag,
                directory.path,
            ]
            let expected = try await buildx.run(arguments)
            let actual = try await self.stevedore.run(arguments)
            try #require(expected.status == 0, "\(expected)")
            #expect(actual.status == 0, "\(actual)")
            #expect(actual.standardOutput.isEmpty)
            let expectedSteps = Self.steps(expected.standardError)
            let actualSteps = Self.steps(actual.standardError)
            #expect(expectedSteps.count >= 8, "\(expected.standardError)")
            #expect(Set(actualSteps.keys) == Set(expectedSteps.keys), "\(actual.standardError)\n---\n\(expected.standardError)")
            for (name, lines) in expectedSteps {
                #expect(actualSteps[name] == lines, "step \(name)")
            }
        }
    }

    @Test func quietIidfileOutputsSecretsAndAFailingStep() async throws {
        try await TestEngine.withResources { client, resources in
            let directory = try TestContextDirectory.make([
                "Dockerfile": """
                FROM \(TestEngine.image) AS build
                RUN --mount=type=secret,id=token,env=TOKEN echo token-length=${#TOKEN}
                RUN mkdir /out && echo built > /out/result.txt
                FROM scratch
                COPY --from=build /out /

                """,
                "Failing": "FROM \(TestEngine.image)\nRUN echo before the failure && exit 3\n",
            ])
            defer { try? FileManager.default.removeItem(at: directory) }
            let environment: [String: String?] = ["STEVEDORE_TEST_TOKEN": "12345"]
            let secret = ["--secret", "id=token,env=STEVEDORE_TEST_TOKEN", "--network", "none"]
            guard try await Self.prefersBuildKit(client) else {
                // The classic builder has no secrets: refused before anything is sent.
                let refused = try await self.stevedore.run(["build"] + secret + [directory.path], environment: environment)
                #expect(refused.status == 1 && refused.standardError.contains("need BuildKit"), "\(refused)")
                return
            }
            let iidfile = directory.appendingPathComponent("iid").path
            let quiet = try await self.stevedore.run(
                ["build", "-q", "--iidfile", iidfile, "--no-cache"] + secret + [directory.path], environment: environment)
            #expect(quiet.status == 0, "\(quiet)")
            let id = quiet.standardOutput.trimmingCharacters(in: .newlines)
            #expect(id.hasPrefix("sha256:") && quiet.standardError.isEmpty, "\(quiet)")
            #expect(try String(contentsOfFile: iidfile, encoding: .utf8) == id)
            resources.image(id)

            let plain = try await self.stevedore.run(
                ["build", "--progress", "plain", "--no-cache"] + secret + ["-o", "type=local,dest=\(directory.path)/out", directory.path],
                environment: environment)
            #expect(plain.status == 0, "\(plain)")
            #expect(plain.standardError.contains("token-length=5"), "\(plain.standardError)")
            #expect(try String(contentsOfFile: directory.path + "/out/result.txt", encoding: .utf8) == "built\n")
            let tar = try await self.stevedore.run(
                ["build", "--progress", "quiet"] + secret + ["-o", "type=tar,dest=\(directory.path)/out.tar", directory.path],
                environment: environment)
            #expect(tar.status == 0 && tar.standardError.isEmpty, "\(tar)")
            let listing = try await CommandLineProcess(executable: URL(fileURLWithPath: "/usr/bin/tar")).run([
                "-tf", directory.path + "/out.tar",
            ])
            #expect(listing.standardOutput.split(separator: "\n").contains("result.txt"), "\(listing)")

            // As buildx: exit 1, the failed step's output again under its name, then the error.
            let failing = try await self.stevedore.run(
                ["build", "--progress", "plain", "--network", "none", "-f", directory.path + "/Failing", directory.path])
            #expect(failing.status == 1, "\(failing)")
            #expect(failing.standardError.contains("] RUN echo before the failure && exit 3:\n"), "\(failing.standardError)")
            #expect(failing.standardError.contains(/ERROR: process .* exit code: 3\n/), "\(failing.standardError)")
            #expect(failing.standardError.contains(/:\n\d+\.\d+ before the failure\n------\n/), "\(failing.standardError)")
            #expect(failing.standardError.contains(/\nERROR: failed to build: .*exit code: 3\n$/), "\(failing.standardError)")

            for (flags, message) in [
                (["--secret", "token"], "invalid field 'token' must be a key=value pair"),
                (["--progress", "fancy"], "invalid argument \"fancy\" for \"--progress\" flag"),
                (["-o", "type=oci,dest=x"], "output type oci is not supported"),
                (["--ssh", "default=/nonexistent/agent.sock"], "/nonexistent/agent.sock"),
            ] {
                let refused = try await self.stevedore.run(["build"] + flags + [directory.path])
                #expect(refused.status != 0 && refused.standardError.contains(message), "\(flags): \(refused)")
            }
        }
    }
}

extension BuildKitCommandTests {
    /// A 1 GiB context (one sparse file, read as it is sent) built through the session: the
    /// client's peak memory stays far below the context's size.
    @Test func aLargeContextIsStreamedWithFlatMemory() async throws {
        try await TestEngine.withClient { client in
            guard try await Self.prefersBuildKit(client) else { return }
            let directory = try TestContextDirectory.make([
                "Dockerfile": "FROM \(TestEngine.image)\nRUN --mount=type=bind,target=/ctx wc -c < /ctx/large.bin\n"
            ])
            defer { try? FileManager.default.removeItem(at: directory) }
            let large = directory.appendingPathComponent("large.bin")
            #expect(FileManager.default.createFile(atPath: large.path, contents: nil))
            let handle = try FileHandle(forWritingTo: large)
            try handle.truncate(atOffset: 1 << 30)
            try handle.close()
            let stats = directory.appendingPathComponent("time.txt").path
            let build = try await CommandLineProcess(executable: URL(fileURLWithPath: "/usr/bin/time")).run([
                "-f", "%M", "-o", stats, self.stevedore.executable.path, "build", "--progress", "plain", "--no-cache", "--network", "none",
                directory.path,
            ])
            #expect(build.status == 0, "\(build)")
            #expect(build.standardError.contains(" \(1 << 30)\n"), "\(build.standardError)")
            let peakKiB = try #require(
                Int(try String(contentsOfFile: stats, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(peakKiB < 150 << 10, "stevedore build peaked at \(peakKiB) KiB for a 1 GiB context")
        }
    }
}

extension BuildKitCommandTests {
    /// On a terminal (tmux's) the progress is one view redrawn in place: the screen ends with
    /// the finished view, each step once, not a log of every update.
    @Test func aTerminalShowsTheViewRedrawnInPlace() async throws {
        try await TestEngine.withClient { client in
            guard try await Self.prefersBuildKit(client) else { return }
            let tmux = try #require(CommandLineProcess.onPath("tmux"), "tmux renders the terminal of this test")
            let directory = try TestContextDirectory.make([
                "Dockerfile": "FROM \(TestEngine.image)\nRUN for i in 1 2 3; do echo tick $i; sleep 0.4; done\n"
            ])
            defer { try? FileManager.default.removeItem(at: directory) }
            let screen = try await TerminalScreen.final(
                of: self.stevedore, ["build", "--no-cache", "--network", "none", directory.path], tmux: tmux)
            let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(lines.filter { $0.hasPrefix("[+] Building") }.count == 1, "\(screen)")
            #expect(lines.contains { $0.hasPrefix("[+] Building") && $0.hasSuffix("FINISHED") }, "\(screen)")
            #expect(lines.filter { $0.contains("RUN for i in 1 2 3") }.count == 1, "\(screen)")
            // Named after whichever build's stage it is: BuildKit merges the same step of concurrent builds.
            #expect(lines.contains { $0.hasPrefix("=> ") && $0.contains("] FROM docker.io/\(TestEngine.image)") }, "\(screen)")
        }
    }
}
