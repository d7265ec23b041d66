import Foundation
import NIOPosix
import Stevedore
import StevedoreTestSupport
import Testing

@Suite(
    "Push and pull against a real registry",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct RegistryTests {
    /// Imports a one-file image named `name` (unique content, so its layer is new to the
    /// registry and to the engine after removal).
    static func makeImage(_ client: DockerClient, _ resources: TestResources, named name: String) async throws {
        let archive = TestArchive.tar(files: [("unique.txt", UUID().uuidString)])
        _ = try await client.images.import(from: .archive(.bytes(archive)), options: .init(repository: name)).finish()
        resources.image(name)
    }

    @Test func pushRemovePullBackWithPerLayerProgress() async throws {
        try await TestRegistry.withRegistry { registry in
            try await TestEngine.withResources { client, resources in
                let name = "\(registry.address)/stevedore/roundtrip:v1"
                try await Self.makeImage(client, resources, named: name)
                let pushed = try await client.images.push(name).finish()
                let digest = try #require(pushed.digest)
                #expect(digest.hasPrefix("sha256:"))

                let remote = try await client.distribution.inspect(name)
                #expect(remote.descriptor.digest == digest)

                try await client.images.remove(name, options: .init(force: true))
                var layerMessages: [ProgressMessage] = []
                var pulledDigest: String?
                for try await message in try await client.images.pull(name) {
                    if let id = message.id, !id.isEmpty, id != "v1" { layerMessages.append(message) }
                    if let found = message.digest { pulledDigest = found }
                }
                #expect(layerMessages.contains { $0.status == "Pull complete" })
                #expect(layerMessages.contains { $0.status == "Pulling fs layer" })
                #expect(pulledDigest == digest)
                #expect(try await client.images.inspect(name).repoDigests?.contains { $0.hasSuffix(digest) } == true)
            }
        }
    }

    @Test func createPullsAMissingImageAsItsPolicySays() async throws {
        try await TestRegistry.withRegistry { registry in
            try await TestEngine.withResources { client, resources in
                let name = "\(registry.address)/stevedore/create-pull:v1"
                try await Self.makeImage(client, resources, named: name)
                try await client.images.push(name).finish()
                try await client.images.remove(name, options: .init(force: true))
                let body = ContainerCreateBody(cmd: ["true"], image: name)

                let never = await #expect(throws: DockerError.self) {
                    try await client.containers.create(body, options: .init(pull: .never))
                }
                #expect(never?.category == .notFound)

                var events: [ImagePullEvent] = []
                let created = try await client.containers.create(body) { events.append($0) }
                resources.container(created.id)
                #expect(events.first == .started(try ImageName(parsing: name)))
                #expect(events.contains { if case .progress(let message) = $0 { message.digest != nil } else { false } })
                #expect(try await client.images.inspect(name).id?.hasPrefix("sha256:") == true)

                // `always` pulls although the image is present; `missing` then does not.
                var pulls = 0
                let counting: ImagePullProgressHandler = { event in
                    if case .started = event { pulls += 1 }
                }
                resources.container(try await client.containers.create(body, options: .init(pull: .always), pullProgress: counting).id)
                resources.container(try await client.containers.create(body, pullProgress: counting).id)
                #expect(pulls == 1)

                // Present only for another platform than the create's, it is missing too: pulled
                // for that platform, which this registry lacks (the pull fails, with its error).
                let error = await #expect(throws: DockerError.self) {
                    try await client.containers.create(body, options: .init(platform: "linux/s390x"), pullProgress: counting)
                }
                #expect(pulls == 2, "\(String(describing: error))")
            }
        }
    }

    /// `run` keeps its own requests on the client's event loop, but not a caller's progress
    /// handler, which may block.
    @Test func runCallsItsPullProgressHandlerOffTheEventLoop() async throws {
        try await TestRegistry.withRegistry { registry in
            try await TestEngine.withResources { client, resources in
                let repository = "\(registry.address)/stevedore/run-pull"
                let name = repository + ":v1"
                try await client.images.tag(TestEngine.image, repository: repository, tag: "v1")
                resources.image(name)
                try await client.images.push(name).finish()
                try await client.images.remove(name)

                var pulled = false
                var ranOnEventLoop = false
                let body = ContainerCreateBody(cmd: ["true"], image: name)
                let run = try await client.containers.run(body, options: .init(removeWhenDone: true)) { event in
                    if case .started = event { pulled = true }
                    if MultiThreadedEventLoopGroup.currentEventLoop != nil { ranOnEventLoop = true }
                }
                #expect(run.exitCode == 0)
                #expect(pulled)
                #expect(!ranOnEventLoop)
            }
        }
    }

    @Test func pullingAMissingTagIsNotFound() async throws {
        try await TestRegistry.withRegistry { registry in
            try await TestEngine.withResources { client, resources in
                let name = "\(registry.address)/stevedore/present"
                try await Self.makeImage(client, resources, named: name + ":v1")
                try await client.images.push(name + ":v1").finish()
                let error = await #expect(throws: DockerError.self) { try await client.images.pull(name + ":missing").finish() }
                #expect(error?.category == .notFound)
                #expect(error?.message.contains("missing") == true)
            }
        }
    }

    @Test func pushToAnAuthRegistryNeedsCredentialsFromConfigOrHelper() async throws {
        let password = "p+ss/w=rd"
        try await TestRegistry.withRegistry(username: "stevedore", password: password) { registry in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-auth-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let environment = ["DOCKER_CONFIG": directory.path, "PATH": directory.path]

            try await TestEngine.withResources { client, resources in
                let name = "\(registry.address)/stevedore/private:v1"
                try await Self.makeImage(client, resources, named: name)

                let refused = await #expect(throws: DockerError.self) { try await client.images.push(name).finish() }
                #expect(refused?.category == .unauthorized)
                #expect(refused?.message.contains("no basic auth credentials") == true)

                let wrong = await #expect(throws: DockerError.self) {
                    try await client.system.auth(AuthConfig(username: "stevedore", password: "wrong", serveraddress: registry.address))
                }
                #expect(wrong?.category == .unauthorized, "\(String(describing: wrong))")
                #expect(
                    try await client.system.auth(AuthConfig(username: "stevedore", password: password, serveraddress: registry.address))
                        .status == "Login Succeeded")

                // config.json `auths`, as `docker login` writes it.
                var config = try DockerConfigFile.load(environment: environment)
                try await config.store(RegistryAuth(username: "stevedore", password: password), forRegistry: registry.address)
                try config.save()
                let fromFile = try await DockerConfigFile.load(environment: environment).credentials(forImage: name)
                #expect(fromFile?.password == password)
                // Pushed by a client logging everything: the password appears in no line.
                let log = CapturedLog()
                let logging = try DockerClient(configuration: client.configuration, logger: log.logger)
                defer { logging.shutdown() }
                #expect(try await logging.images.push(name, options: .init(credentials: fromFile)).finish().digest != nil)
                _ = try await logging.system.auth(AuthConfig(username: "stevedore", password: password, serveraddress: registry.address))
                #expect(log.text.contains("/push"), "the client logs its requests: \(log.text)")
                #expect(!log.text.contains(password) && !log.text.contains(fromFile?.headerValue ?? "-"), "\(log.text)")

                // A credential helper on PATH, named by credsStore.
                _ = try TestCredentialHelper.install(in: directory, name: "stevetest", username: "stevedore", password: password)
                try Data(#"{"credsStore":"stevetest"}"#.utf8).write(to: directory.appendingPathComponent("config.json"))
                let fromHelper = try await DockerConfigFile.load(environment: environment).credentials(forImage: name)
                #expect(fromHelper?.username == "stevedore")
                let tagged = "\(registry.address)/stevedore/private:v2"
                try await client.images.tag(name, repository: "\(registry.address)/stevedore/private", tag: "v2")
                resources.image(tagged)
                #expect(try await client.images.push(tagged, options: .init(credentials: fromHelper)).finish().digest != nil)

                // A create that must pull reads its credentials from the configuration then.
                _ = try await client.images.remove(tagged)
                let body = ContainerCreateBody(cmd: ["true"], image: tagged, hostConfig: HostConfig(networkMode: "none"))
                let anonymous = await #expect(throws: DockerError.self) { try await client.containers.create(body) }
                #expect(anonymous?.message.contains("no basic auth credentials") == true, "\(String(describing: anonymous))")
                let source = try DockerConfigFile.load(environment: environment)
                let created = try await client.containers.create(body, options: .init(pullCredentialsSource: source))
                resources.container(created.id)
            }
        }
    }
}
