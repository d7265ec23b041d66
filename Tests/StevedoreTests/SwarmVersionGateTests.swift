import Foundation
import Testing

@testable import Stevedore

/// The swarm's calls refuse, before any request, what the client's API version does not have:
/// a daemon would ignore an unknown field without a word.
struct SwarmVersionGateTests {
    /// A client pinned to `version` whose socket does not exist: a request would be a
    /// connection error, so an `unsupportedByAPIVersion` error proves the refusal came first.
    private func expectRefused(
        at version: APIVersion, _ operation: (DockerClient) async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let client = try DockerClient(configuration: .init(host: .unixSocket("/nonexistent/docker.sock"), apiVersion: version))
        defer { client.shutdown() }
        let error = await #expect(throws: DockerError.self, sourceLocation: sourceLocation) { try await operation(client) }
        #expect(error?.category == .unsupportedByAPIVersion, "\(String(describing: error))", sourceLocation: sourceLocation)
    }

    @Test func operationsNewerThanTheClientsVersionAreRefused() async throws {
        try await self.expectRefused(at: APIVersion(1, 24)) { _ = try await $0.secrets.list() }
        try await self.expectRefused(at: APIVersion(1, 24)) { try await $0.secrets.create(SecretSpec(name: "s", data: Data("x".utf8))) }
        try await self.expectRefused(at: APIVersion(1, 29)) { _ = try await $0.configs.inspect("c") }
        try await self.expectRefused(at: APIVersion(1, 29)) { try await $0.configs.remove("c") }
        try await self.expectRefused(at: APIVersion(1, 28)) { _ = try await $0.tasks.logs("t") }
        try await self.expectRefused(at: APIVersion(1, 28)) { _ = try await $0.services.logs("s") }
        try await self.expectRefused(at: APIVersion(1, 40)) { _ = try await $0.services.list(.init(status: true)) }
    }

    @Test func fieldsNewerThanTheClientsVersionAreRefused() async throws {
        var job = ServiceSpec()
        job.taskTemplate = TaskSpec(containerSpec: .init(image: "busybox"))
        job.mode = .init(replicatedJob: .init(maxConcurrent: 1, totalCompletions: 1))
        try await self.expectRefused(at: APIVersion(1, 40)) { _ = try await $0.services.create(job) }
        var oom = ServiceSpec()
        oom.taskTemplate = TaskSpec(containerSpec: .init(image: "busybox", oomScoreAdj: 100))
        try await self.expectRefused(at: APIVersion(1, 45)) { _ = try await $0.services.update("s", oom, options: .init(version: 1)) }
        try await self.expectRefused(at: APIVersion(1, 39)) { _ = try await $0.swarm.initialize(.init(dataPathPort: 4789)) }
        // Fields every supported version has leave nothing to refuse.
        var plain = ServiceSpec()
        plain.taskTemplate = TaskSpec(containerSpec: .init(image: "busybox", env: ["A=1"]))
        #expect(plain.fieldsNeedingNewerAPIs.isEmpty)
        #expect(oom.fieldsNeedingNewerAPIs.map(\.version) == [APIVersion(1, 46)])
    }
}
