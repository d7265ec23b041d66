import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// BuildKit builds (`version=2`) of an uploaded context, on the engines that offer BuildKit.
@Suite(
    "BuildKit builds against the real engine",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct BuildKitTests {
    /// BuildKit runs `RUN` steps in a network of their own unless told otherwise, and the test
    /// engines have no bridge network.
    static let options = ImageBuildOptions(networkMode: "none", builderVersion: "2")

    @Test func progressIsTypedAndTheImageIsBuilt() async throws {
        try await TestEngine.withResources { client, resources in
            let tag = "stevedore-buildkit:\(UUID().uuidString.prefix(8).lowercased())"
            resources.image(tag)
            let marker = UUID().uuidString
            let directory = try TestContextDirectory.make([
                "Dockerfile": "FROM \(TestEngine.image)\nARG GREETING\nCOPY hello.txt /hello.txt\n"
                    + "RUN cat /hello.txt && echo \(marker) >&2 && echo nofile=$(ulimit -n) $GREETING\n",
                "hello.txt": "hello from the context\n",
            ])
            defer { try? FileManager.default.removeItem(at: directory) }
            var options = Self.options
            options.tags = [tag]
            options.labels = ["stevedore.test": "buildkit"]
            options.ulimits = [Resources.Ulimit(name: "nofile", soft: 512, hard: 1024)]
            // dockerd 20.10's BuildKit would ignore them: refused before any request there.
            let appliesUlimits = try await client.apiVersion() >= APIVersion(1, 42)
            if !appliesUlimits {
                let refused = await #expect(throws: DockerError.self) {
                    try await client.images.build(context: try BuildContext(directory: directory), options: options)
                }
                #expect(refused?.category == .unsupportedByAPIVersion)
                options.ulimits = []
            }
            options.buildArgs = ["GREETING": "hello-arg"]
            var vertexes: [String: BuildKitVertex] = [:]
            var logs: [BuildKitLog] = []
            var imageID: String?
            for try await message in try await client.images.build(context: BuildContext(directory: directory), options: options) {
                if let status = try message.buildKitStatus {
                    for vertex in status.vertexes { vertexes[vertex.digest] = vertex }
                    logs += status.logs
                }
                imageID = message.imageID ?? imageID
            }
            let names = vertexes.values.map(\.name)
            #expect(names.contains { $0.hasSuffix("COPY hello.txt /hello.txt") }, "\(names)")
            // The context came through the session, not as an upload.
            #expect(names.contains("[internal] load build context"), "\(names)")
            #expect(!names.contains { $0.contains("load remote build context") }, "\(names)")
            let run = try #require(vertexes.values.first { $0.name.contains("RUN cat /hello.txt") })
            #expect(run.started != nil && run.completed != nil && run.error == nil)
            let output = logs.filter { $0.vertex == run.digest }
            #expect(output.contains { $0.stream == 1 && $0.text.contains("hello from the context") }, "\(output)")
            #expect(output.contains { $0.stream == 2 && $0.text.contains(marker) })
            #expect(output.contains { $0.text.contains(appliesUlimits ? "nofile=512 hello-arg" : "hello-arg") }, "\(output.map(\.text))")
            let image = try await client.images.inspect(tag)
            #expect(image.id == imageID)
            #expect(image.config?.labels?["stevedore.test"] == "buildkit")
        }
    }

    @Test func theSessionSendsWhatDockerignoreLeavesAndTheDockerfileFromElsewhere() async throws {
        try await TestEngine.withClient { client in
            let directory = try TestContextDirectory.make([
                ".dockerignore": "*.log\nsecret/\n!secret/public.txt\n",
                "a.txt": "a", "b.log": "b", "secret/key": "k", "secret/public.txt": "p", "sub/dir/c.txt": "c",
            ])
            let dockerfiles = try TestContextDirectory.make([
                "build.Dockerfile": "FROM \(TestEngine.image)\nCOPY . /ctx\nRUN find /ctx | sort && echo \(UUID().uuidString)\n"
            ])
            defer {
                try? FileManager.default.removeItem(at: directory)
                try? FileManager.default.removeItem(at: dockerfiles)
            }
            let context = try BuildContext(directory: directory, dockerfile: dockerfiles.appendingPathComponent("build.Dockerfile"))
            var output = ""
            for try await message in try await client.images.build(context: context, options: Self.options) {
                for log in try message.buildKitStatus?.logs ?? [] { output += log.text }
            }
            let paths = output.split(separator: "\n").map(String.init).filter { $0.hasPrefix("/ctx") }
            #expect(
                paths == [
                    "/ctx", "/ctx/.dockerignore", "/ctx/a.txt", "/ctx/secret", "/ctx/secret/public.txt", "/ctx/sub", "/ctx/sub/dir",
                    "/ctx/sub/dir/c.txt",
                ], "\(output)")
        }
    }

    /// A Dockerfile from a pipe (`-f <(…)`) is read once, when the context is made, and the
    /// session serves it from memory (it failed: the session offered the pipe itself). A second
    /// build's pipe with other text of the same length is the one built: the daemon keeps what
    /// a session sent under the same name and asks only for what changed.
    @Test func aDockerfileFromAPipeIsServedFromMemory() async throws {
        try await TestEngine.withClient { client in
            let directory = try TestContextDirectory.make(["a.txt": "a"])
            defer { try? FileManager.default.removeItem(at: directory) }
            let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-dockerfile-\(UUID().uuidString)")
            for word in ["first-\(UUID().uuidString)", "other-\(UUID().uuidString)"] {
                try #require(mkfifo(fifo.path, 0o600) == 0)
                defer { try? FileManager.default.removeItem(at: fifo) }
                // Opening a FIFO to write waits for its reader: on a thread of its own.
                let writer = Thread { try? Data("FROM \(TestEngine.image)\nRUN echo \(word)\n".utf8).write(to: fifo) }
                writer.start()
                let context = try BuildContext(directory: directory, dockerfile: fifo)
                var output = ""
                for try await message in try await client.images.build(context: context, options: Self.options) {
                    for log in try message.buildKitStatus?.logs ?? [] { output += log.text }
                }
                #expect(output.contains(word + "\n"), "\(output)")
            }
        }
    }

    @Test func secretsAreServedByIdAndAMissingOneFailsTheStep() async throws {
        try await TestEngine.withClient { client in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-secret-\(UUID().uuidString)")
            let value = "file-secret-\(UUID().uuidString)"
            try Data(value.utf8).write(to: file)
            let directory = try TestContextDirectory.make([
                "Dockerfile": "FROM \(TestEngine.image)\n"
                    + "RUN --mount=type=secret,id=from-file --mount=type=secret,id=from-bytes,target=/b cat /run/secrets/from-file /b\n"
            ])
            defer {
                try? FileManager.default.removeItem(at: directory)
                try? FileManager.default.removeItem(at: file)
            }
            var options = Self.options
            options.noCache = true
            options.secrets = [
                BuildSecret(id: "from-file", source: .file(file)),
                BuildSecret(id: "from-bytes", source: .bytes(Array("bytes-secret".utf8))),
            ]
            var output = ""
            for try await message in try await client.images.build(context: try BuildContext(directory: directory), options: options) {
                for log in try message.buildKitStatus?.logs ?? [] { output += log.text }
            }
            #expect(output.contains(value + "bytes-secret"), "\(output)")
            #expect(!String(describing: options).contains("bytes-secret"))

            options.secrets = [BuildSecret(id: "from-file", source: .file(file))]
            let missing = await #expect(throws: DockerError.self) {
                try await client.images.build(context: try BuildContext(directory: directory), options: options).finish()
            }
            // A secret the session does not have is, for BuildKit, an empty mount unless the
            // step marks it required: the step itself fails.
            #expect(missing?.code == 1, "\(String(describing: missing))")
            #expect(missing?.failedBuildStep?.lastOutput.contains { $0.contains("/b") } == true, "\(String(describing: missing))")

            // A file that is not there fails before the build, used by a step or not, as docker's.
            options.secrets = [BuildSecret(id: "unused", source: .file(file.appendingPathExtension("missing")))]
            let absent = await #expect(throws: DockerError.self) {
                try await client.images.build(context: try BuildContext(directory: directory), options: options).finish()
            }
            #expect(
                absent?.message == "cannot read the file of secret unused: stat \(file.path).missing: no such file or directory",
                "\(String(describing: absent))")
        }
    }

    @Test func aPrivateBaseImageIsPulledWithTheSessionsCredentials() async throws {
        let password = "pw-\(UUID().uuidString.prefix(8))"
        try await TestRegistry.withRegistry(username: "stevedore", password: password) { registry in
            try await TestEngine.withResources { client, resources in
                let credentials = RegistryAuth(username: "stevedore", password: password, serverAddress: registry.address)
                let base = "\(registry.address)/stevedore/private-base:1"
                try await RegistryTests.makeImage(client, resources, named: base)
                _ = try await client.images.push(base, options: .init(credentials: credentials)).finish()
                try await client.images.remove(base, options: .init(force: true))
                let directory = try TestContextDirectory.make(["Dockerfile": "FROM \(base)\nCOPY Dockerfile /\n"])
                defer { try? FileManager.default.removeItem(at: directory) }
                var options = Self.options
                options.pull = true
                let anonymous = await #expect(throws: DockerError.self) {
                    try await client.images.build(context: try BuildContext(directory: directory), options: options).finish()
                }
                #expect(
                    anonymous?.message.contains("401") == true || anonymous?.message.lowercased().contains("unauthorized") == true,
                    "\(String(describing: anonymous))")
                options.registryCredentials = [registry.address: credentials]
                let built = try await client.images.build(context: try BuildContext(directory: directory), options: options).finish()
                let id = try #require(built.imageID)
                resources.image(id)
            }
        }
    }

    @Test func aFailedStepNamesItselfAndItsLastOutput() async throws {
        try await TestEngine.withClient { client in
            let directory = try TestContextDirectory.make([
                "Dockerfile": "FROM \(TestEngine.image)\nRUN for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo line $i; done; exit 3\n"
            ])
            defer { try? FileManager.default.removeItem(at: directory) }
            let error = await #expect(throws: DockerError.self) {
                try await client.images.build(context: BuildContext(directory: directory), options: Self.options).finish()
            }
            #expect(error?.category == .buildFailed)
            #expect(error?.code == 3, "\(String(describing: error))")
            let step = try #require(error?.failedBuildStep, "\(String(describing: error))")
            #expect(step.name.contains("RUN for i in"), "\(step)")
            #expect(step.lastOutput == (3...12).map { "line \($0)" }, "\(step)")
        }
    }

    @Test func aDockerfileErrorIsABuildFailure() async throws {
        try await TestEngine.withClient { client in
            let directory = try TestContextDirectory.make(["Dockerfile": "FROM \(TestEngine.image)\nNOSUCHINSTRUCTION x\n"])
            defer { try? FileManager.default.removeItem(at: directory) }
            let error = await #expect(throws: DockerError.self) {
                try await client.images.build(context: BuildContext(directory: directory), options: Self.options).finish()
            }
            #expect(error?.category == .buildFailed)
            #expect(error?.message.lowercased().contains("unknown instruction") == true, "\(String(describing: error))")
        }
    }

    /// Builds a `RUN` step writing a new marker, returned: the step's cache record's
    /// description contains it.
    private static func buildMarkedStep(_ client: DockerClient, _ resources: TestResources) async throws -> String {
        let marker = UUID().uuidString
        let directory = try TestContextDirectory.make(["Dockerfile": "FROM \(TestEngine.image)\nRUN echo \(marker) > /marker\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let built = try await client.images.build(context: BuildContext(directory: directory), options: Self.options).finish()
        resources.image(try #require(built.imageID))
        return marker
    }

    /// A build step's cache record names its parent, under whichever key the daemon's API
    /// version sends it: `Parent` (1.41), `" Parents"` (1.42 to 1.50, moby's misspelling).
    /// The misspelled parents were lost; API 1.51 sends none, so the client asks for 1.50.
    @Test func aBuildCacheRecordNamesItsParentUnderTheDaemonsSpelling() async throws {
        try await TestEngine.withResources { client, resources in
            let marker = try await Self.buildMarkedStep(client, resources)
            var configuration = try DockerClientConfiguration.fromEnvironment()
            configuration.apiVersion = min(try await client.apiVersion(), APIVersion(1, 50))
            let pinned = try DockerClient(configuration: configuration)
            defer { pinned.shutdown() }
            let records = try await TestEngine.withDiskUsageTurn { try await pinned.system.dataUsage().buildCache ?? [] }
            let record = try #require(records.first { $0.description?.contains(marker) == true }, "\(records)")
            #expect(!(record.parents ?? []).isEmpty || !(record.parent ?? "").isEmpty, "\(record)")
        }
    }

    /// A build's cache record is found in `system df` and pruned by id; the size options go
    /// under the name the daemon's API version knows, and those it lacks are refused first.
    @Test func theBuildCacheIsPrunedByIdAndItsSizeOptionsFollowTheAPIVersion() async throws {
        try await TestEngine.withResources { client, resources in
            let marker = try await Self.buildMarkedStep(client, resources)
            // The daemon runs one disk usage at a time: other tests' df take turns with this one.
            let records = try await TestEngine.withDiskUsageTurn { try await client.system.dataUsage().buildCache ?? [] }
            let record = try #require(records.first { $0.description?.contains(marker) == true }, "\(records)")
            let id = try #require(record.id)

            let selection: DockerFilters = ["id": [id]]
            // Each bound alone leaves the record: were it not sent, `all` would remove it.
            let kept = try await client.images.pruneBuildCache(.init(all: true, reservedSpace: 1 << 40, filters: selection))
            #expect(kept.cachesDeleted ?? [] == [], "1 TiB of cache is kept: nothing goes")
            let limits = BuildPruneOptions(all: true, maxUsedSpace: 1 << 40, minFreeSpace: 1, filters: selection)
            if try await client.apiVersion() >= APIVersion(1, 48) {
                #expect(try await client.images.pruneBuildCache(limits).cachesDeleted ?? [] == [], "under 1 TiB used: nothing goes")
            } else {
                let refused = await #expect(throws: DockerError.self) { try await client.images.pruneBuildCache(limits) }
                #expect(refused?.category == .unsupportedByAPIVersion)
            }

            let pruned = try await client.images.pruneBuildCache(.init(all: true, filters: selection))
            #expect(pruned.cachesDeleted == [id])
            #expect(pruned.spaceReclaimed == Int64(record.size ?? -1))
            let left = try await TestEngine.withDiskUsageTurn { try await client.system.dataUsage().buildCache ?? [] }
            #expect(!left.contains { $0.id == id })
            let unknownKey = await #expect(throws: DockerError.self) {
                try await client.images.pruneBuildCache(.init(filters: ["stevedore-no-such-key": ["1"]]))
            }
            #expect(unknownKey?.category == .invalidArgument, "\(String(describing: unknownKey))")
        }
    }
}
