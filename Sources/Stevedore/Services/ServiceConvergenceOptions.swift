/// Options of ``DockerClient/Services/waitUntilConverged(_:options:progress:)``.
public struct ServiceConvergenceOptions: Hashable, Sendable {
    /// How often the swarm is asked (default 200 ms, as the docker CLI asks).
    public var pollInterval: Duration
    /// How long every task must keep running before the service counts as converged.
    /// Default nil: the service's update `Monitor`, or 5 s (docker's rule).
    public var stabilityPeriod: Duration?

    public init(pollInterval: Duration = .milliseconds(200), stabilityPeriod: Duration? = nil) {
        self.pollInterval = pollInterval
        self.stabilityPeriod = stabilityPeriod
    }
}
