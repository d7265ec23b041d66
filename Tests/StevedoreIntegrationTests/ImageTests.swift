import Foundation
import NIOCore
import StevedoreTestSupport
import Testing

@testable import Stevedore

@Suite(
    "Images against the real engine", .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct ImageTests {
    /// A unique repository name for one test.
    static func uniqueName(_ base: String) -> String { "stevedore-test/\(base)-\(UUID().uuidString.prefix(8).lowercased())" }

    /// Imports a one-file image and returns its id.
    static func importImage(
        _ client: DockerClient, repository: String?, file: String, options: ImageImportOptions = .init()
    ) async throws -> String {
        var options = options
        options.repository = repository
        let archive = TestArchive.tar(files: [(file, "contents of \(file)\n")])
        let summary = try await client.images.import(from: .archive(.bytes(archive)), options: options).finish()
        return try #require(summary.imageID)
    }

    /// Runs `command` in `image` and returns its exit code (the container is removed with `resources`).
    static func run(_ client: DockerClient, _ resources: TestResources, _ image: String, _ command: [String]? = nil) async throws -> Int? {
        let id = try await client.containers.create(ContainerCreateBody(cmd: command, image: image)).id
        resources.container(id)
        try await client.containers.start(id)
        return try await client.containers.wait(id).statusCode
    }

    @Test func importSetsTagMessageAndChangesAndHistoryShowsTheLayer() async throws {
        try await TestEngine.withResources { client, resources in
            let name = Self.uniqueName("import")
            let id = try await Self.importImage(
                client, repository: name, file: "hello.txt",
                options: .init(
                    tag: "v1", message: "imported by stevedore",
                    changes: ["ENV GREETING=hi", #"CMD ["cat", "/hello.txt"]"#, "LABEL stevedore.test=import"]))
            resources.image(id)
            let image = try await client.images.inspect("\(name):v1")
            #expect(image.id == id)
            #expect(image.config?.env?.contains("GREETING=hi") == true)
            #expect(image.config?.cmd == ["cat", "/hello.txt"])
            #expect(image.config?.labels?["stevedore.test"] == "import")
            let history = try await client.images.history("\(name):v1")
            #expect(history.count == 1)
            #expect(history.first?.comment == "imported by stevedore")
            let listed = try await client.images.list(.init(references: ["\(name):v1"]))
            #expect(listed.map(\.id) == [id])
            #expect(try await client.images.list(.init(labels: ["stevedore.test=import"], references: [name])).count == 1)
        }
    }

    @Test func exportedContainerReimportsAndRuns() async throws {
        try await TestEngine.withResources { client, resources in
            let container = try await client.containers.create(ContainerCreateBody(cmd: ["true"], image: TestEngine.image)).id
            resources.container(container)
            // GET /containers/{id}/export, inline: the containers area owns that endpoint.
            let export = try await client.send(DockerRequest(.GET, "/containers/\(container)/export"))
            let name = Self.uniqueName("reimport")
            let summary = try await client.images.import(
                from: .archive(.stream(export.body)),
                options: .init(repository: name, changes: ["CMD [\"sh\", \"-c\", \"test -x /bin/busybox\"]"])
            ).finish()
            let id = try #require(summary.imageID)
            resources.image(id)
            #expect(try await Self.run(client, resources, name) == 0)
        }
    }

    @Test func savedImagesLoadBackAfterRemoval() async throws {
        try await TestEngine.withResources { client, resources in
            let first = Self.uniqueName("save-a") + ":1"
            let second = Self.uniqueName("save-b") + ":2"
            let firstID = try await Self.importImage(client, repository: first, file: "a.txt")
            let secondID = try await Self.importImage(client, repository: second, file: "b.txt")
            resources.image(firstID)
            resources.image(secondID)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-save-\(UUID().uuidString).tar")
            defer { try? FileManager.default.removeItem(at: file) }
            _ = FileManager.default.createFile(atPath: file.path, contents: nil)
            let handle = try FileHandle(forWritingTo: file)
            for try await chunk in try await client.images.save([first, second]) { handle.write(Data(chunk.readableBytesView)) }
            try handle.close()

            try await client.images.remove(firstID, options: .init(force: true))
            try await client.images.remove(secondID, options: .init(force: true))
            await #expect(throws: DockerError.self) { try await client.images.inspect(first) }

            let loaded = try await client.images.load(try .file(file)).finish()
            #expect(loaded.output.contains { $0.contains("Loaded image: \(first)") })
            #expect(loaded.output.contains { $0.contains("Loaded image: \(second)") })
            #expect(try await client.images.inspect(first).id == firstID)
            #expect(try await client.images.inspect(second).id == secondID)

            // One image through its own endpoint (`/images/{name}/get`).
            let single = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-save-\(UUID().uuidString).tar")
            defer { try? FileManager.default.removeItem(at: single) }
            _ = FileManager.default.createFile(atPath: single.path, contents: nil)
            let singleHandle = try FileHandle(forWritingTo: single)
            for try await chunk in try await client.images.save(first).byteArrays { singleHandle.write(Data(chunk)) }
            try singleHandle.close()
            try await client.images.remove(firstID, options: .init(force: true))
            // Loaded back from chunks of bytes, as code without SwiftNIO hands them over.
            let chunks = try Data(contentsOf: single).chunked(into: 10_000)
            let reloaded = try await client.images.load(
                .stream(
                    AsyncStream { continuation in
                        for chunk in chunks { continuation.yield(chunk) }
                        continuation.finish()
                    })
            ).finish()
            #expect(reloaded.output.contains { $0.contains("Loaded image: \(first)") }, "\(reloaded.output)")
            #expect(try await client.images.inspect(first).id == firstID)
            // And from a pipe (`load -i <(…)`), sent chunked: its size is unknown.
            try await client.images.remove(firstID, options: .init(force: true))
            let fifo = single.appendingPathExtension("fifo")
            #expect(mkfifo(fifo.path, 0o600) == 0)
            defer { try? FileManager.default.removeItem(at: fifo) }
            // Opening a FIFO to write waits for its reader: on a thread of its own.
            let archive = try Data(contentsOf: single)
            Thread { try? archive.write(to: fifo) }.start()
            let piped = try await client.images.load(try .file(fifo)).finish()
            #expect(piped.output.contains { $0.contains("Loaded image: \(first)") }, "\(piped.output)")
            #expect(try await client.images.inspect(first).id == firstID)
            let unopened = #expect(throws: DockerError.self) { try ByteSource.file(URL(fileURLWithPath: "/nonexistent/image.tar")) }
            #expect(unopened?.message == "open /nonexistent/image.tar: no such file or directory")
            let missing = await #expect(throws: DockerError.self) { try await client.images.save("stevedore-no-such-image:none") }
            #expect(missing?.category == .notFound)
        }
    }

    @Test func committedContainerRunsAsANewImage() async throws {
        try await TestEngine.withResources { client, resources in
            let container = try await client.containers.create(
                ContainerCreateBody(cmd: ["sh", "-c", "echo hi > /greeting"], image: TestEngine.image)
            ).id
            resources.container(container)
            try await client.containers.start(container)
            #expect(try await client.containers.wait(container).statusCode == 0)
            let name = Self.uniqueName("commit")
            let committed = try await client.images.commit(
                container,
                options: .init(
                    repository: name, tag: "c1", comment: "greeting added", author: "Stevedore Tests <tests@example.com>",
                    changes: [#"CMD ["sh", "-c", "test \"$(cat /greeting)\" = hi"]"#],
                    config: ContainerConfig(labels: ["stevedore.commit": "yes"])))
            resources.image(committed.id)
            let image = try await client.images.inspect("\(name):c1")
            #expect(image.author == "Stevedore Tests <tests@example.com>")
            #expect(image.comment == "greeting added")
            #expect(image.config?.labels?["stevedore.commit"] == "yes")
            #expect(try await Self.run(client, resources, "\(name):c1") == 0)
            #expect(try await client.images.history("\(name):c1").count == 2)
        }
    }

    @Test func pruneRemovesDanglingImagesByLabel() async throws {
        // Prunes take turns: the daemon refuses one while another runs.
        try await TestEngine.withPruneTurn {
            try await TestEngine.withResources { client, resources in
                let label = "stevedore.prune=\(UUID().uuidString)"
                let id = try await Self.importImage(
                    client, repository: nil, file: "dangling.txt", options: .init(changes: ["LABEL \(label)"]))
                #expect(try await client.images.list(.init(dangling: true, labels: [label])).map(\.id) == [id])
                let pruned = try await client.images.prune(.init(dangling: true, labels: [label]))
                #expect(pruned.imagesDeleted?.contains { $0.deleted == id } == true)
                #expect(try await client.images.list(.init(all: true, labels: [label])).isEmpty)
            }
        }
    }

    @Test func errorsAreTypedAndGatedOptionsSendNothing() async throws {
        try await TestEngine.withResources { client, resources in
            let missing = await #expect(throws: DockerError.self) { try await client.images.inspect("stevedore-test/missing:none") }
            #expect(missing?.category == .notFound)
            let removal = await #expect(throws: DockerError.self) { try await client.images.remove("stevedore-test/missing:none") }
            #expect(removal?.category == .notFound)
            // No registry is reachable here: the daemon's error must come through, whatever it is.
            let search = await #expect(throws: DockerError.self) { try await client.images.search("busybox", options: .init(limit: 1)) }
            #expect(search?.statusCode != nil && search?.message.isEmpty == false)
            if try await client.apiVersion() < APIVersion(1, 55) {
                let gated = await #expect(throws: DockerError.self) { try await client.images.attestations(TestEngine.image) }
                #expect(gated?.category == .unsupportedByAPIVersion)
            }
            if try await client.apiVersion() < APIVersion(1, 50) {
                let gated = await #expect(throws: DockerError.self) {
                    try await client.images.remove(
                        TestEngine.image, options: .init(platforms: [OCIPlatform(architecture: "amd64", os: "linux")]))
                }
                #expect(gated?.category == .unsupportedByAPIVersion)
            }
            #expect(try await client.images.inspect(TestEngine.image).id != nil)
        }
    }
}

extension Data {
    /// The bytes in arrays of at most `size`.
    fileprivate func chunked(into size: Int) -> [[UInt8]] {
        stride(from: 0, to: self.count, by: size).map {
            Array(self[self.index(self.startIndex, offsetBy: $0)..<self.index(self.startIndex, offsetBy: Swift.min($0 + size, self.count))])
        }
    }
}
