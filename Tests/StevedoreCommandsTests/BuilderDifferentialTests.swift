import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// `builder prune` through `stevedore` and through the docker CLI (the oracle only) on the
/// shared engine: every prune here is narrowed to an id, so that it removes only what this
/// test built. (docker without buildx also warns on stderr that its legacy builder is
/// deprecated, so stderr is compared by hand.)
@Suite(
    "builder commands against the docker CLI",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() }
)
struct BuilderDifferentialTests {
    let oracle: CLIOracle

    init() async throws {
        self.oracle = try await CLIOracle()
    }

    @Test func pruneAsksReportsAndRefusesAsDockerDoes() async throws {
        let none = ["--filter", "id=stevedore-no-such-record"]
        // Only `y` goes on: a no, a `yes` and the end of input all cancel with status 0.
        try await self.oracle.expectSame(["builder", "prune"] + none, input: Data("n\n".utf8))
        try await self.oracle.expectSame(["builder", "prune", "-a"] + none, input: Data("yes\n".utf8))
        try await self.oracle.expectSame(["builder", "prune"] + none)
        try await self.oracle.expectSame(["builder", "prune", "--all"] + none, input: Data("y\n".utf8))
        try await self.oracle.expectSame(["builder", "prune", "-f", "--keep-storage", "1.5g", "--filter", "until=1h"] + none)

        for (arguments, message) in [
            (["--filter", "nonsense"], "invalid argument \"nonsense\" for \"--filter\" flag: bad format of filter (expected name=value)"),
            (["--keep-storage", "1x"], "invalid argument \"1x\" for \"--keep-storage\" flag: invalid suffix: 'x'"),
        ] {
            let command = ["builder", "prune", "-f"] + arguments
            try await self.oracle.expectSame(command, compareErrors: false)
            let refused = try await self.oracle.stevedore.run(command)
            #expect(refused.standardError.hasPrefix(message), "\(refused)")
        }
        try await self.oracle.expectSame(["builder", "prune", "-f", "extra"], compareErrors: false)
        let unknownKey = ["builder", "prune", "-f", "--filter", "stevedore-no-such-key=1"]
        try await self.oracle.expectSame(unknownKey, compareErrors: false)
        let expected = try await self.oracle.docker.run(unknownKey)
        let actual = try await self.oracle.stevedore.run(unknownKey)
        let daemonError = try #require(expected.standardError.split(separator: "\n").last { $0.hasPrefix("Error response from daemon") })
        #expect(actual.standardError == daemonError + "\n")
    }

    @Test func pruneRemovesTheRecordsItSelectsAndReportsTheirSize() async throws {
        try await TestEngine.withResources { client, resources in
            let marker = UUID().uuidString
            let directory = try TestContextDirectory.make(["Dockerfile": "FROM \(TestEngine.image)\nRUN echo \(marker) > /marker\n"])
            defer { try? FileManager.default.removeItem(at: directory) }
            let built = try await self.oracle.stevedore.run(
                ["builder", "build", "-q", "--network", "none", directory.path], environment: ["DOCKER_BUILDKIT": "1"])
            #expect(built.status == 0, "\(built)")
            resources.image(built.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
            let records = try await TestEngine.withDiskUsageTurn { try await client.system.dataUsage().buildCache ?? [] }
            let record = try #require(records.first { $0.description?.contains(marker) == true }, "\(records)")
            let id = try #require(record.id)
            // The step wrote one short file: a size in bytes, as docker prints sizes under 1 kB.
            let size = try #require(record.size)
            #expect(size > 0 && size < 1000, "\(record)")

            let prune = ["builder", "prune", "-a", "-f", "--filter", "id=\(id)"]
            let pruned = try await self.oracle.stevedore.run(prune)
            #expect(pruned.status == 0, "\(pruned)")
            #expect(pruned.standardOutput == "Deleted build cache objects:\n\(id)\n\nTotal reclaimed space: \(size)B\n")
            // Gone: the second time reports nothing, as docker does.
            try await self.oracle.expectSame(prune)
        }
    }
}
