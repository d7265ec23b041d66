import Foundation
import NIOConcurrencyHelpers
import Stevedore
import StevedoreTestSupport
import Testing

@Suite(
    "Builds against the real engine", .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct BuildTests {
    /// The context every .dockerignore case is applied to.
    static let tree = [
        "README.md", "a.txt", "b.log", "docs/guide.md", "docs/api/ref.md", "src/main.go", "src/vendor/lib.go",
        "src/vendor/keep/me.go", "build/out.bin", "build/keep/important.txt", "node_modules/x/index.js",
        "web/node_modules/y.js", "web/app.js", ".git/HEAD", "dir with space/file", "empty/",
    ]

    /// `.dockerignore` files whose effect Stevedore must reproduce exactly as the docker CLI.
    static let ignoreFiles = [
        "# comment\n\n*.md\n!README.md\n",
        "**/node_modules\n*.log\n",
        "build\n!build/keep\n",
        "src/vendor/**\n!src/vendor/keep/**\n",
        "*\n!src\n",
        "/docs/\n./a.txt\nsrc/../b.log\n.git\n  empty/  \n",
        "**\n!**/*.go\n",
        "Dockerfile\n.dockerignore\ndocs/*/ref.md\n[ab].*\n",
        "dir with space\n!dir with space/file\nweb\n!web/node_modules\nweb/node_modules/*.js\n",
    ]

    static let findDockerfile = "FROM \(TestEngine.image)\nCOPY . /ctx\nRUN find /ctx | sort\n"

    /// The `/ctx…` lines of a build's output.
    static func contextLines(_ output: some Sequence<String>) -> [String] {
        output.flatMap { $0.split(separator: "\n") }.map(String.init).filter { $0.hasPrefix("/ctx") }
    }

    /// Builds `directory` with the docker CLI's classic builder; returns its output (stdout then
    /// stderr) and the image id.
    static func dockerCLIBuild(_ directory: URL, dockerfile: URL? = nil) async throws -> (output: String, imageID: String?) {
        let docker = try #require(CommandLineProcess.onPath("docker"), "the docker CLI is the oracle of this test")
        let outcome = try await docker.run(
            ["build", "--no-cache"] + (dockerfile.map { ["-f", $0.path] } ?? []) + [directory.path], environment: ["DOCKER_BUILDKIT": "0"])
        let text = outcome.standardOutput + outcome.standardError
        guard outcome.status == 0 else { throw DockerCLIFailure(output: text) }
        let id = text.split(separator: "\n").last { $0.hasPrefix("Successfully built ") }.map {
            String($0.dropFirst("Successfully built ".count))
        }
        return (text, id)
    }

    struct DockerCLIFailure: Error, CustomStringConvertible {
        let output: String
        var description: String { "docker build failed: \(self.output)" }
    }

    @Test(arguments: Self.ignoreFiles)
    func contextMatchesTheDockerCLI(dockerignore: String) async throws {
        var files = Dictionary(uniqueKeysWithValues: Self.tree.map { ($0, "content of \($0)\n") })
        files["Dockerfile"] = Self.findDockerfile
        files[".dockerignore"] = dockerignore
        let directory = try TestContextDirectory.make(files)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestEngine.withResources { client, resources in
            let ours = try await client.images.build(
                context: BuildContext(directory: directory), options: .init(noCache: true, builderVersion: "1")
            ).finish()
            if let id = ours.imageID { resources.image(id) }
            let theirs = try await Self.dockerCLIBuild(directory)
            if let id = theirs.imageID { resources.image(id) }
            let expected = Self.contextLines([theirs.output])
            #expect(!expected.isEmpty, "the docker CLI's build printed no /ctx lines: \(theirs.output)")
            #expect(Self.contextLines(ours.output) == expected)
        }
    }

    @Test func argsLabelsTargetAndSeveralTags() async throws {
        let dockerfile = """
            FROM \(TestEngine.image) AS base
            ARG GREETING
            RUN test "$GREETING" = "hello world"
            FROM base AS never
            RUN exit 9
            """
        let directory = try TestContextDirectory.make(["Dockerfile": dockerfile])
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestEngine.withResources { client, resources in
            let name = "stevedore-test/build-\(UUID().uuidString.prefix(8).lowercased())"
            let tags = ["\(name):one", "\(name):two"]
            tags.forEach(resources.image)
            var messages: [ProgressMessage] = []
            for try await message in try await client.images.build(
                context: BuildContext(directory: directory),
                options: .init(
                    tags: tags, noCache: true, buildArgs: ["GREETING": "hello world"], labels: ["stevedore.build": "labelled"],
                    target: "base", builderVersion: "1"))
            {
                messages.append(message)
            }
            let id = try #require(messages.compactMap(\.imageID).last)
            resources.image(id)
            let image = try await client.images.inspect(tags[0])
            #expect(image.id == id)
            #expect(Set(image.repoTags ?? []) == Set(tags))
            #expect(image.config?.labels?["stevedore.build"] == "labelled")
            #expect(messages.contains { $0.stream?.contains("RUN test") == true })
        }
    }

    /// The classic builder's limits reach the `RUN` steps (the parent cgroup, ulimits, the
    /// memory nodes, which a one-node machine shows by refusing node 1); a BuildKit build
    /// refuses the limits the daemon's BuildKit would ignore, and a Linux daemon refuses
    /// security options and an isolation other than `default`.
    @Test func classicBuildLimitsReachTheRunSteps() async throws {
        let directory = try TestContextDirectory.make([
            "Dockerfile": "FROM \(TestEngine.image)\nRUN echo nofile=$(ulimit -n); cat /proc/self/cgroup\n"
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let parent = "stevedore-build-\(UUID().uuidString.prefix(8).lowercased())"
        // The daemon leaves the parent cgroup behind, empty.
        defer {
            let controllers = (try? FileManager.default.contentsOfDirectory(atPath: "/sys/fs/cgroup")) ?? []
            for controller in controllers + [""] { _ = rmdir("/sys/fs/cgroup/\(controller)/\(parent)") }
        }
        try await TestEngine.withResources { client, resources in
            var options = ImageBuildOptions(noCache: true, forceRemoveIntermediate: true, builderVersion: "1")
            options.cgroupParent = parent
            options.cpusetMems = "0"
            options.isolation = "default"
            options.ulimits = [Resources.Ulimit(name: "nofile", soft: 123, hard: 456)]
            var output = ""
            for try await message in try await client.images.build(context: BuildContext(directory: directory), options: options) {
                output += message.stream ?? ""
                if let id = message.imageID { resources.image(id) }
            }
            #expect(output.contains("nofile=123"), "\(output)")
            #expect(output.contains("/\(parent)/"), "\(output)")
            // A memory node this one-node machine lacks: refused, so the option reached the step.
            var missingNode = ImageBuildOptions(noCache: true, forceRemoveIntermediate: true, builderVersion: "1")
            missingNode.cpusetMems = "1"
            let node = await #expect(throws: DockerError.self) {
                try await client.images.build(context: BuildContext(directory: directory), options: missingNode).finish()
            }
            let nodeMessage = node?.message ?? ""
            #expect(nodeMessage.contains("memory nodes are not available") || nodeMessage.contains("cpuset.mems"), "\(nodeMessage)")

            options.builderVersion = "2"
            let ignored = await #expect(throws: DockerError.self) {
                try await client.images.build(context: BuildContext(directory: directory), options: options)
            }
            #expect(ignored?.category == .invalidInput && ignored?.message.hasPrefix("cpusetMems, cgroupParent of a build") == true)

            var windowsOnly = ImageBuildOptions(builderVersion: "1")
            windowsOnly.securityOptions = ["credentialspec=file://spec.json"]
            let security = await #expect(throws: DockerError.self) {
                try await client.images.build(context: BuildContext(directory: directory), options: windowsOnly).finish()
            }
            #expect(security?.message.contains("security options") == true, "\(String(describing: security))")
            windowsOnly.securityOptions = []
            windowsOnly.isolation = "hyperv"
            let isolation = await #expect(throws: DockerError.self) {
                try await client.images.build(context: BuildContext(directory: directory), options: windowsOnly).finish()
            }
            #expect(isolation?.message.lowercased().contains(#"unsupported isolation: "hyperv""#) == true)
        }
    }

    @Test func aFailingRunIsATypedBuildError() async throws {
        let directory = try TestContextDirectory.make(["Dockerfile": "FROM \(TestEngine.image)\nRUN echo failing && exit 3\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestEngine.withResources { client, _ in
            let error = await #expect(throws: DockerError.self) {
                try await client.images.build(
                    context: BuildContext(directory: directory),
                    options: .init(noCache: true, forceRemoveIntermediate: true, builderVersion: "1")
                ).finish()
            }
            #expect(error?.category == .buildFailed)
            #expect(error?.code == 3)
            #expect(error?.message.contains("returned a non-zero code: 3") == true)
        }
    }

    @Test(arguments: [nil, "*.md\n"])
    func aDockerfileOutsideTheContextIsSentButNotCopied(dockerignore: String?) async throws {
        var files = ["inside.txt": "x", "notes.md": "y"]
        files[".dockerignore"] = dockerignore
        let directory = try TestContextDirectory.make(files)
        let outside = try TestContextDirectory.make(["Dockerfile.elsewhere": Self.findDockerfile])
        defer {
            try? FileManager.default.removeItem(at: directory)
            try? FileManager.default.removeItem(at: outside)
        }
        try await TestEngine.withResources { client, resources in
            let dockerfile = outside.appendingPathComponent("Dockerfile.elsewhere")
            let context = try BuildContext(directory: directory, dockerfile: dockerfile)
            #expect(context.dockerfile.hasPrefix(".dockerfile."))
            let summary = try await client.images.build(context: context, options: .init(noCache: true, builderVersion: "1")).finish()
            if let id = summary.imageID { resources.image(id) }
            let theirs = try await Self.dockerCLIBuild(directory, dockerfile: dockerfile)
            if let id = theirs.imageID { resources.image(id) }
            #expect(Self.contextLines(summary.output) == Self.contextLines([theirs.output]))
            #expect(!Self.contextLines(summary.output).contains { $0.contains(".dockerfile.") })
        }
    }

    /// `compressContext` (docker's `build --compress`): the daemon unpacks the same files from
    /// the gzipped upload, which is a small part of the context's size; an archive gzipped
    /// beforehand is sent as it is, not compressed twice.
    @Test func aCompressedContextBuildsTheSameFiles() async throws {
        let directory = try TestContextDirectory.make([
            "Dockerfile": "FROM \(TestEngine.image)\nCOPY . /ctx\nRUN find /ctx | sort; md5sum /ctx/big /ctx/sub/small\n",
            "big": String(repeating: "a line of a build context that compresses well\n", count: 30_000),
            "sub/small": "small\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestEngine.withResources { client, resources in
            let context = try BuildContext(directory: directory)
            /// The `/ctx` lines and checksums a build printed, and the bytes it uploaded.
            func build(_ archive: ByteSource, compressed: Bool) async throws -> (lines: [String], sent: Int64) {
                let sent = NIOLockedValueBox<Int64>(0)
                var options = ImageBuildOptions(dockerfile: context.dockerfile, noCache: true, builderVersion: "1")
                options.compressContext = compressed
                let counted = archive.reportingProgress { total in sent.withLockedValue { $0 = total } }
                let summary = try await client.images.build(archive: counted, options: options).finish()
                if let id = summary.imageID { resources.image(id) }
                let lines = summary.output.flatMap { $0.split(separator: "\n") }.map(String.init)
                return (lines.filter { $0.hasPrefix("/ctx") || $0.contains("  /ctx/") }, sent.withLockedValue { $0 })
            }
            let plain = try await build(context.archive, compressed: false)
            #expect(plain.lines.contains { $0.hasSuffix("  /ctx/big") } && plain.sent > 1_400_000, "\(plain)")
            let compressed = try await build(context.archive.gzipped(), compressed: false)
            #expect(compressed.lines == plain.lines)
            #expect(compressed.sent < 100_000, "\(compressed.sent) bytes sent")
            let twice = try await build(context.archive.gzipped(), compressed: true)
            #expect(twice.lines == plain.lines)
            let byOption = try await build(context.archive, compressed: true)
            #expect(byOption.lines == plain.lines)
        }
    }
}
