import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

@testable import StevedoreCommands

/// Help texts and rendered output compared with files under `Golden/`. After an intended
/// change, rewrite them with `STEVEDORE_UPDATE_GOLDEN=1 swift test --filter GoldenTests` and
/// review the diff.
@Suite struct GoldenTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../StevedoreModelsTests/Fixtures/dockerd-20.10").standardizedFileURL

    static func compare(_ actual: String, golden name: String) throws {
        let file = Self.goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["STEVEDORE_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(actual == expected, "\(name) differs from its golden file")
    }

    static let helpPaths: [[String]] = [
        [], ["version"], ["info"], ["system"], ["system", "df"], ["system", "prune"], ["events"], ["container"], ["ps"], ["cp"], ["create"],
        ["run"], ["update"],
        ["builder"], ["builder", "prune"], ["image"], ["images"], ["image", "ls"], ["image", "inspect"], ["image", "prune"], ["pull"],
        ["push"], ["build"], ["tag"], ["rmi"],
        ["history"], ["save"], ["load"], ["import"], ["commit"], ["login"], ["logout"], ["search"],
        ["network"], ["network", "ls"], ["network", "create"], ["network", "inspect"], ["network", "rm"], ["network", "connect"],
        ["network", "disconnect"], ["network", "prune"],
        ["volume"], ["volume", "ls"], ["volume", "create"], ["volume", "inspect"], ["volume", "rm"], ["volume", "prune"],
        ["swarm"], ["swarm", "init"], ["node"], ["node", "ls"], ["service"], ["service", "create"], ["service", "update"],
        ["service", "ls"], ["service", "ps"], ["service", "logs"], ["secret"], ["secret", "create"], ["config"], ["config", "create"],
        ["plugin"], ["plugin", "ls"], ["plugin", "install"], ["plugin", "upgrade"], ["plugin", "create"], ["completion"],
    ]

    // One case at a time: 64 launches at once, at the start of a suite that also starts
    // dockerd-bound tests, stalled the whole test process for a minute on two cores.
    @Test(.serialized, arguments: Self.helpPaths)
    func help(path: [String]) async throws {
        let outcome = try await CommandLineProcess.stevedore.run(path + ["--help"], environment: ["COLUMNS": "80"])
        #expect(outcome.status == 0)
        try Self.compare(outcome.standardOutput, golden: "help-\((["stevedore"] + path).joined(separator: "-")).txt")
    }

    /// docker prints the help of a command that wants a subcommand and has none on stderr.
    @Test(arguments: [[], ["image"]])
    func helpWithoutASubcommandOnStandardError(path: [String]) async throws {
        let outcome = try await CommandLineProcess.stevedore.run(path, environment: ["COLUMNS": "80"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.isEmpty)
        let golden = Self.goldenDirectory.appendingPathComponent("help-\((["stevedore"] + path).joined(separator: "-")).txt")
        #expect(try outcome.standardError == String(contentsOf: golden, encoding: .utf8))
    }

    @Test func infoTextOfARecordedDaemon() throws {
        let info = try JSONDecoder().decode(SystemInfo.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("info.json")))
        try Self.compare(StevedoreCommand.System.Info.describe(info), golden: "info.txt")
    }

    @Test func versionTextOfARecordedDaemon() throws {
        let server = try JSONDecoder().decode(
            SystemVersion.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("version.json")))
        let client = StevedoreCommand.Version.client(apiVersion: APIVersion(1, 41), context: "default")
        try Self.compare(
            StevedoreCommand.Version.clientSection(client) + "\n" + StevedoreCommand.Version.serverSection(server), golden: "version.txt")
    }

    /// `image ls --tree` of a multi-platform image (a platform in use, one not available, an
    /// attestation counted in the content size only), an untagged and a `<none>` image: the
    /// golden files are the docker CLI's output for the same daemon answer, on a pipe and on a
    /// terminal 70 columns wide.
    @Test func imageTreeAsDockerPrintsIt() throws {
        let images = try JSONDecoder().decode(
            [ImageSummary].self, from: Data(contentsOf: Self.goldenDirectory.appendingPathComponent("image-tree-images.json")))
        let tree = ImageTree(images, all: true)
        try Self.compare(tree.rendered(terminalWidth: nil), golden: "image-tree-all.txt")
        try Self.compare(tree.rendered(terminalWidth: 70), golden: "image-tree-terminal-70.txt")
    }

    /// What `version --format` sees of the daemon, as docker: the Engine's build time as its
    /// text shows it, and an Engine component from the top-level fields when there is none.
    @Test func versionTemplatesSeeTheEngineAsDockers() throws {
        let server = try JSONDecoder().decode(
            SystemVersion.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("version.json")))
        let reported = StevedoreCommand.Version.engineReported(server)
        let engine = try #require(reported.components?.first { $0.name == "Engine" })
        let details = try #require(Self.object(engine.details))
        #expect(details["BuildTime"] == .string("Thu May  7 21:09:36 2026"))
        #expect(reported.components?.count == server.components?.count)
        var bare = server
        bare.components = nil
        let made = try #require(StevedoreCommand.Version.engineReported(bare).components?.first)
        #expect(made.name == "Engine" && made.version == server.version)
        let madeDetails = try #require(Self.object(made.details))
        #expect(madeDetails["BuildTime"] == .string("Thu May  7 21:09:36 2026") && madeDetails["ApiVersion"] == .string("1.41"))
    }

    private static func object(_ value: JSONValue?) -> [String: JSONValue]? {
        if case .object(let fields)? = value { fields } else { nil }
    }

    @Test func diskUsageTableOfARecordedDaemon() throws {
        let usage = try JSONDecoder().decode(
            SystemDataUsageResponse.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("system-df.json")))
        let rows = StevedoreCommand.System.DiskUsage.rows(usage.summary)
        let table = try CommandOutput.render(
            rows, format: nil, defaultFormat: StevedoreCommand.System.DiskUsage.defaultFormat,
            titles: StevedoreCommand.System.DiskUsage.titles)
        try Self.compare(table, golden: "system-df.txt")
        let json = try CommandOutput.render(rows, format: "json", defaultFormat: "")
        try Self.compare(json, golden: "system-df.json.txt")
    }
}
