import Testing

@testable import Stevedore

/// The convergence rules without a swarm: what each poll's service and tasks make of the wait.
@Suite("Service convergence: docker's rules, apart from I/O")
struct ServiceConvergenceTrackerTests {
    static func service(replicas: Int64? = nil, global: Bool = false, job: Int64? = nil, update: Service.UpdateStatus? = nil) -> Service {
        var mode = ServiceSpec.Mode()
        if let replicas { mode.replicated = .init(replicas: replicas) }
        if global { mode.global = .object([:]) }
        if let job { mode.replicatedJob = .init(maxConcurrent: job, totalCompletions: job) }
        return Service(
            id: "svc", spec: ServiceSpec(name: "web", mode: mode), updateStatus: update,
            jobStatus: job == nil ? nil : .init(jobIteration: ObjectVersion(index: 3)))
    }

    static func task(
        slot: Int = 0, node: String = "n1", _ state: TaskState, desired: TaskState = .running, iteration: UInt64? = nil
    )
        -> DockerTask
    {
        DockerTask(
            id: "t\(slot)\(node)\(state.rawValue)", slot: slot, nodeID: node, status: TaskStatus(state: state), desiredState: desired,
            jobIteration: iteration.map { ObjectVersion(index: $0) })
    }

    @Test func replicatedTasksConvergeAfterTheStabilityPeriod() throws {
        var tracker = ServiceConvergenceTracker(stabilityPeriod: .seconds(5))
        let service = Self.service(replicas: 2)
        let start = ContinuousClock.now
        #expect(try tracker.examine(service, now: start) == nil)
        let starting = try tracker.report(
            service, tasks: [Self.task(slot: 1, .running), Self.task(slot: 2, .starting)], activeNodes: ["n1"], now: start)
        #expect(starting.phase == .converging && starting.done == 1 && starting.desired == 2)
        #expect(starting.slots.map(\.label) == ["1", "2"])

        let tasks = [Self.task(slot: 1, .running), Self.task(slot: 2, .running), Self.task(slot: 2, .shutdown, desired: .shutdown)]
        let verifying = try tracker.report(service, tasks: tasks, activeNodes: ["n1"], now: start + .seconds(1))
        #expect(verifying.phase == .verifying(remaining: .seconds(5)))
        #expect(verifying.slots[1].task.status?.state == .running, "the task the swarm wants running stands for its slot")
        #expect(try tracker.examine(service, now: start + .seconds(3)) == nil)
        let stillVerifying = try tracker.report(service, tasks: tasks, activeNodes: ["n1"], now: start + .seconds(3))
        #expect(stillVerifying.phase == .verifying(remaining: .seconds(3)))
        #expect(try tracker.examine(service, now: start + .seconds(6))?.phase == .converged)
    }

    @Test func aTaskThatStopsWhileVerifyingStartsTheWaitAgain() throws {
        var tracker = ServiceConvergenceTracker(stabilityPeriod: .seconds(5))
        let service = Self.service(replicas: 1)
        let start = ContinuousClock.now
        _ = try tracker.report(service, tasks: [Self.task(slot: 1, .running)], activeNodes: ["n1"], now: start)
        let failed = try tracker.report(service, tasks: [Self.task(slot: 1, .failed)], activeNodes: ["n1"], now: start + .seconds(1))
        #expect(failed.phase == .taskFailed)
        #expect(try tracker.examine(service, now: start + .seconds(10)) == nil)
    }

    @Test func tasksOnNodesThatAreDownDoNotCount() throws {
        var tracker = ServiceConvergenceTracker(stabilityPeriod: nil)
        let report = try tracker.report(
            Self.service(replicas: 2), tasks: [Self.task(slot: 1, node: "n1", .running), Self.task(slot: 2, node: "n2", .running)],
            activeNodes: ["n1"], now: .now)
        #expect(report.done == 1 && report.phase == .converging)
    }

    @Test func pausedUpdatesThrowAndARollbackIsReported() throws {
        var tracker = ServiceConvergenceTracker(stabilityPeriod: nil)
        let paused = Self.service(replicas: 1, update: .init(state: .paused, message: "update paused due to failure"))
        let error = #expect(throws: DockerError.self) { try tracker.examine(paused, now: .now) }
        #expect(error?.category == .serviceNotConverged)
        #expect(error?.message == "service update paused: update paused due to failure")

        var rolling = ServiceConvergenceTracker(stabilityPeriod: .zero)
        let rolledBack = Self.service(replicas: 1, update: .init(state: .init(rawValue: "rollback_completed"), message: "rolled back"))
        let start = ContinuousClock.now
        #expect(try rolling.examine(rolledBack, now: start) == nil)
        _ = try rolling.report(rolledBack, tasks: [Self.task(slot: 1, .running)], activeNodes: ["n1"], now: start)
        let final = try rolling.examine(rolledBack, now: start)
        #expect(final?.phase == .converged && final?.rollbackMessage == "rolled back")
    }

    @Test func aCompletedUpdateEndsTheWaitAtOnce() throws {
        var tracker = ServiceConvergenceTracker(stabilityPeriod: nil)
        let done = Self.service(replicas: 3, update: .init(state: .completed))
        #expect(try tracker.examine(done, now: .now)?.phase == .updateCompleted)
    }

    @Test func globalServicesCountOneTaskPerNode() throws {
        var tracker = ServiceConvergenceTracker(stabilityPeriod: nil)
        let service = Self.service(global: true)
        #expect(try tracker.report(service, tasks: [], activeNodes: ["n1"], now: .now).phase == .waitingForTasks)
        let report = try tracker.report(
            service, tasks: [Self.task(node: "n1", .running), Self.task(node: "n2", .preparing)], activeNodes: ["n1", "n2"], now: .now)
        #expect(report.desired == 2 && report.done == 1 && report.slots.map(\.label) == ["n1", "n2"])
    }

    @Test func aJobConvergesWhenItsCompletionsOfThisIterationAreDone() throws {
        var tracker = ServiceConvergenceTracker(stabilityPeriod: nil)
        let service = Self.service(job: 2)
        let old = Self.task(slot: 0, .complete, desired: .complete, iteration: 2)
        let running = try tracker.report(
            service, tasks: [old, Self.task(slot: 0, .running, desired: .complete, iteration: 3)], activeNodes: ["n1"], now: .now)
        #expect(running.done == 0 && running.active == 1 && running.phase == .converging)
        let done = try tracker.report(
            service,
            tasks: [
                Self.task(slot: 0, .complete, desired: .complete, iteration: 3),
                Self.task(slot: 1, .complete, desired: .complete, iteration: 3),
            ],
            activeNodes: ["n1"], now: .now)
        #expect(done.done == 2 && done.phase == .converged)
    }
}
