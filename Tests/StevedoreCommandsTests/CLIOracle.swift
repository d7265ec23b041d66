import Foundation
import StevedoreTestSupport
import Testing

/// The docker CLI (a test oracle only) and `stevedore`, run with the same command lines
/// against the same engine by the differential tests.
struct CLIOracle {
    let docker: CommandLineProcess
    let stevedore: CommandLineProcess

    init() async throws {
        (self.docker, self.stevedore) = try #require(
            try await CommandLineProcess.oracleAndStevedore(), "the docker CLI is the oracle of this test")
    }

    /// Runs `arguments` with both, expecting the same exit status and masked stdout (and
    /// stderr when both fail, unless `compareErrors` is off).
    func expectSame(
        _ arguments: [String], environment: [String: String?] = [:], input: Data = Data(), compareErrors: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let expected = try await self.docker.run(arguments, environment: environment, input: input)
        let actual = try await self.stevedore.run(arguments, environment: environment, input: input)
        #expect(actual.status == expected.status, "exit status of \(arguments): \(actual)", sourceLocation: sourceLocation)
        #expect(
            Self.masked(actual.standardOutput) == Self.masked(expected.standardOutput), "stdout of \(arguments)",
            sourceLocation: sourceLocation)
        if compareErrors && expected.status != 0 {
            #expect(
                Self.masked(actual.standardError) == Self.masked(expected.standardError), "stderr of \(arguments)",
                sourceLocation: sourceLocation)
        }
    }

    /// Ids, digests, times and durations masked: they differ between two runs by nature.
    static func masked(_ text: String) -> String {
        ContainerDifferentialTests.normalized(DifferentialTests.masked(text))
    }
}
