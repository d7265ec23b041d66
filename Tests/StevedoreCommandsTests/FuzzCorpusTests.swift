import Foundation
import StevedoreTestSupport
import Testing

/// The fuzz targets (Sources/StevedoreFuzz, which scripts/fuzz runs under libFuzzer) on the
/// committed corpus, a crash found once included, and on seeded random inputs: a parser that
/// crashes on any of them fails the suite.
@Suite struct FuzzCorpusTests {
    static let fuzz = CommandLineProcess(
        executable: CommandLineProcess.stevedore.executable.deletingLastPathComponent().appendingPathComponent("StevedoreFuzz"))

    @Test func theCommittedCorpusReplaysThroughEveryTarget() async throws {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("FuzzCorpus")
        let outcome = try await Self.fuzz.run(["replay", corpus.path])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.standardOutput.contains("no failure"), "\(outcome)")
    }

    @Test func randomInputsCrashNoTarget() async throws {
        let outcome = try await Self.fuzz.run(["5000"])
        #expect(outcome.status == 0, "\(outcome)")
    }
}
