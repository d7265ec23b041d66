/// Where a service stands on its way to what its spec asks: what
/// ``DockerClient/Services/waitUntilConverged(_:options:progress:)`` reports after each look at
/// the swarm, and returns at the end.
public struct ServiceConvergence: Sendable, Hashable {
    /// How the service runs its tasks (its spec's `Mode`).
    public enum Mode: Sendable, Hashable {
        case replicated
        case global
        case replicatedJob
        case globalJob
    }

    /// The stage the service is in.
    public enum Phase: Sendable, Hashable {
        /// A global service or job with no task scheduled yet.
        case waitingForTasks
        /// Tasks are being scheduled, started or replaced.
        case converging
        /// The swarm rolls an update back; the message says why.
        case rollingBack(message: String)
        /// Every task runs; they must keep running this much longer before the service counts
        /// as converged (the spec's update `Monitor`, 5 s by default).
        case verifying(remaining: Duration)
        /// A task stopped while the others were being verified: converging again.
        case taskFailed
        /// Every task ran through the verification (or the job completed): the end.
        case converged
        /// The swarm reports the service's update completed: the end, as for docker, which
        /// stops waiting then without looking at the tasks.
        case updateCompleted
    }

    /// The task that stands for one slot of a replicated service or job, or one node of a
    /// global one: the one the swarm wants running there, its newest when several.
    public struct Slot: Sendable, Hashable {
        /// `1`, `2`… for replicated services and jobs; the node id for global ones.
        public var label: String
        public var task: DockerTask
    }

    public var service: Service
    public var mode: Mode
    public var phase: Phase
    /// One entry per slot or node, in slot (or node id) order; empty for ``Phase/updateCompleted``.
    public var slots: [Slot]
    /// The tasks wanted: replicas, nodes with a task, or a job's total completions.
    public var desired: Int
    /// Of those, the tasks running (services) or complete (jobs).
    public var done: Int
    /// Jobs: the tasks still working (neither complete nor failed); nil for services.
    public var active: Int?
    /// The swarm's message when it rolled the service's update back, as it stays once the
    /// previous spec runs again; nil when nothing was rolled back.
    public var rollbackMessage: String?

    /// Whether the wait ends with this report.
    public var isFinal: Bool { self.phase == .converged || self.phase == .updateCompleted }
}
