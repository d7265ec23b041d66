/// The step a BuildKit build failed at, as its progress described it: what
/// ``DockerError/failedBuildStep`` holds.
public struct FailedBuildStep: Hashable, Sendable {
    /// The step, as docker prints it (`[2/3] RUN make`).
    public var name: String
    /// Its last lines of output (standard output and error, in order), at most
    /// ``BuildKitStepOutput/keptLines``.
    public var lastOutput: [String]

    public init(name: String, lastOutput: [String]) {
        self.name = name
        self.lastOutput = lastOutput
    }
}
