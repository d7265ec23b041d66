import Foundation
import NIOCore
import Stevedore
import StevedoreTestSupport

/// A name no other test (or run) uses: `stevedore-<purpose>-<random>`.
func uniqueName(_ purpose: String) -> String {
    "stevedore-\(purpose)-\(UUID().uuidString.prefix(8).lowercased())"
}

extension DockerClient {
    /// Creates a container of the test image running `cmd` (started unless `start` is false),
    /// runs `body` with its id, and force-removes it with its volumes afterwards, also when
    /// `body` throws.
    func withContainer<Result>(
        _ cmd: [String],
        start: Bool = true,
        name: String = uniqueName("c"),
        configure: (inout ContainerCreateBody) -> Void = { _ in },
        _ body: (String) async throws -> Result
    ) async throws -> Result {
        var config = ContainerCreateBody(cmd: cmd, image: TestEngine.image)
        configure(&config)
        let created = try await self.containers.create(config, options: .init(name: name))
        let id = created.id
        do {
            if start { try await self.containers.start(id) }
            let result = try await body(id)
            try await self.containers.remove(id, options: .init(removeVolumes: true, force: true))
            return result
        } catch {
            try? await self.containers.remove(id, options: .init(removeVolumes: true, force: true))
            throw error
        }
    }

    /// The content of the file `path` in the container, read through the archive endpoint.
    func fileContent(_ id: String, path: String) async throws -> String {
        let archive = try await self.containers.archive(id, path: path)
        var parser = TarParser()
        var content = ByteBuffer()
        for try await chunk in archive.tar {
            for case .content(var bytes) in try parser.feed(chunk) { content.writeBuffer(&bytes) }
        }
        return String(buffer: content)
    }
}

/// Waits until `condition` holds, polling every 50 ms for at most `seconds`.
func eventually(within seconds: Double = 10, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(nanoseconds: 50_000_000)
    }
    return try await condition()
}
