/// The rules of convergence, apart from I/O: fed what each poll saw (the service, then its
/// up-to-date tasks and the nodes that are not down), it decides whether the wait ends and
/// what to report. The docker CLI's rules: the update status first (paused and rollback
/// paused fail, completed ends), then one task per slot or node, then a stability period
/// with every task running.
struct ServiceConvergenceTracker {
    private var convergedAt: ContinuousClock.Instant?
    private var wasConverged = false
    private var rollingBack = false
    private var rollbackMessage: String?
    /// Global jobs: the nodes of the first tasks seen, whose completion is awaited.
    private var globalJobNodes: [String]?
    private let stabilityPeriod: Duration?

    init(stabilityPeriod: Duration?) {
        self.stabilityPeriod = stabilityPeriod
    }

    /// Looks at the service alone: throws when its update or rollback paused, returns the
    /// final report when the update completed or the tasks stayed running long enough, nil
    /// when the tasks must be looked at.
    mutating func examine(_ service: Service, now: ContinuousClock.Instant) throws -> ServiceConvergence? {
        let mode = try Self.mode(of: service)
        if let status = service.updateStatus, let state = status.state {
            let message = status.message ?? ""
            switch state.rawValue {
            case "updating":
                self.rollingBack = false
            case "completed" where !self.wasConverged:
                return ServiceConvergence(
                    service: service, mode: mode, phase: .updateCompleted, slots: [], desired: 0, done: 0, rollbackMessage: nil)
            case "paused":
                throw DockerError(category: .serviceNotConverged, message: "service update paused: \(message)")
            case "rollback_started":
                self.rollingBack = true
            case "rollback_paused":
                throw DockerError(category: .serviceNotConverged, message: "service rollback paused: \(message)")
            case "rollback_completed":
                if !self.wasConverged { self.rollbackMessage = message }
                self.rollingBack = true
            default:
                break
            }
        }
        if self.wasConverged, let convergedAt = self.convergedAt, now - convergedAt >= self.monitor(of: service) {
            return ServiceConvergence(
                service: service, mode: mode, phase: .converged, slots: [], desired: 0, done: 0, rollbackMessage: self.rollbackMessage)
        }
        return nil
    }

    /// The report of one poll, from the service's up-to-date tasks and the ids of the nodes
    /// that are not down.
    mutating func report(
        _ service: Service, tasks: [DockerTask], activeNodes: Set<String>, now: ContinuousClock.Instant
    ) throws -> ServiceConvergence {
        let mode = try Self.mode(of: service)
        var report: ServiceConvergence
        switch mode {
        case .replicated: report = Self.replicated(service, tasks: tasks, activeNodes: activeNodes)
        case .global: report = Self.global(service, tasks: tasks, activeNodes: activeNodes)
        case .replicatedJob: report = Self.replicatedJob(service, tasks: tasks)
        case .globalJob: report = self.globalJob(service, tasks: tasks, activeNodes: activeNodes)
        }
        report.rollbackMessage = self.rollbackMessage
        let converged = report.done == report.desired && report.phase != .waitingForTasks
        if converged, report.active != nil {
            report.phase = .converged
        } else if converged {
            let since = self.convergedAt ?? now
            self.convergedAt = since
            report.phase = .verifying(remaining: max(.zero, self.monitor(of: service) - (now - since)))
        } else if self.convergedAt != nil {
            self.convergedAt = nil
            report.phase = .taskFailed
        } else if self.rollingBack, report.phase == .converging {
            report.phase = .rollingBack(message: service.updateStatus?.message ?? "")
        }
        self.wasConverged = converged
        return report
    }

    private func monitor(of service: Service) -> Duration {
        if let period = self.stabilityPeriod { return period }
        if let monitor = service.spec?.updateConfig?.monitor, monitor > 0 { return .nanoseconds(monitor) }
        return .seconds(5)
    }

    static func mode(of service: Service) throws -> ServiceConvergence.Mode {
        let mode = service.spec?.mode
        if mode?.replicated?.replicas != nil { return .replicated }
        if mode?.global != nil { return .global }
        if mode?.replicatedJob != nil { return .replicatedJob }
        if mode?.globalJob != nil { return .globalJob }
        throw DockerError.malformedResponse(
            "service \(service.id ?? "") has no mode the swarm schedules (replicated with replicas, global or a job)")
    }

    // MARK: One task per slot or node

    /// The task that counts among several: the lowest desired state, then the lowest state.
    private static func preferred(_ lhs: DockerTask, over rhs: DockerTask) -> Bool {
        let left = (lhs.desiredState?.progressRank ?? 0, lhs.status?.state?.progressRank ?? 0)
        let right = (rhs.desiredState?.progressRank ?? 0, rhs.status?.state?.progressRank ?? 0)
        return left < right
    }

    private static func isRunning(_ task: DockerTask) -> Bool {
        (task.desiredState?.progressRank ?? 0) <= TaskState.running.progressRank && task.status?.state == .running
    }

    private static func replicated(_ service: Service, tasks: [DockerTask], activeNodes: Set<String>) -> ServiceConvergence {
        var bySlot: [Int: DockerTask] = [:]
        for task in tasks where Self.isKnown(task) {
            if let node = task.nodeID, !node.isEmpty, !activeNodes.contains(node) { continue }
            let slot = task.slot ?? 0
            if let current = bySlot[slot], !Self.preferred(task, over: current) { continue }
            bySlot[slot] = task
        }
        let slots = bySlot.sorted { $0.key < $1.key }.map { ServiceConvergence.Slot(label: String($0.key), task: $0.value) }
        let desired = Int(service.spec?.mode?.replicated?.replicas ?? 0)
        return ServiceConvergence(
            service: service, mode: .replicated, phase: .converging, slots: slots, desired: desired,
            done: slots.filter { Self.isRunning($0.task) }.count)
    }

    private static func global(_ service: Service, tasks: [DockerTask], activeNodes: Set<String>) -> ServiceConvergence {
        var byNode: [String: DockerTask] = [:]
        for task in tasks where Self.isKnown(task) {
            guard let node = task.nodeID, !node.isEmpty else { continue }
            if let current = byNode[node], !Self.preferred(task, over: current) { continue }
            byNode[node] = task
        }
        let active = byNode.filter { activeNodes.contains($0.key) }.sorted { $0.key < $1.key }
        return ServiceConvergence(
            service: service, mode: .global, phase: byNode.isEmpty ? .waitingForTasks : .converging,
            slots: active.map { ServiceConvergence.Slot(label: $0.key, task: $0.value) }, desired: byNode.count,
            done: active.filter { Self.isRunning($0.value) }.count)
    }

    private static func replicatedJob(_ service: Service, tasks: [DockerTask]) -> ServiceConvergence {
        let iteration = service.jobStatus?.jobIteration?.index
        var bySlot: [Int: DockerTask] = [:]
        for task in tasks where task.jobIteration?.index == iteration {
            let slot = task.slot ?? 0
            if let current = bySlot[slot], (current.status?.state?.progressRank ?? 0) <= (task.status?.state?.progressRank ?? 0) {
                continue
            }
            bySlot[slot] = task
        }
        let slots = bySlot.sorted { $0.key < $1.key }.map { ServiceConvergence.Slot(label: String($0.key + 1), task: $0.value) }
        return Self.job(
            service, mode: .replicatedJob, slots: slots, desired: Int(service.spec?.mode?.replicatedJob?.totalCompletions ?? 0))
    }

    private mutating func globalJob(_ service: Service, tasks: [DockerTask], activeNodes: Set<String>) -> ServiceConvergence {
        let iteration = service.jobStatus?.jobIteration?.index
        let current = tasks.filter { $0.jobIteration?.index == iteration }
        if self.globalJobNodes == nil {
            guard !current.isEmpty || activeNodes.isEmpty else {
                return ServiceConvergence(
                    service: service, mode: .globalJob, phase: .waitingForTasks, slots: [], desired: 0, done: 0, active: 0)
            }
            self.globalJobNodes = Array(Set(current.compactMap(\.nodeID))).sorted()
        }
        let nodes = self.globalJobNodes ?? []
        let slots = nodes.compactMap { node -> ServiceConvergence.Slot? in
            let best = current.filter { $0.nodeID == node }.min {
                ($0.status?.state?.progressRank ?? 0) < ($1.status?.state?.progressRank ?? 0)
            }
            return best.map { ServiceConvergence.Slot(label: node, task: $0) }
        }
        return Self.job(service, mode: .globalJob, slots: slots, desired: nodes.count)
    }

    private static func job(
        _ service: Service, mode: ServiceConvergence.Mode, slots: [ServiceConvergence.Slot], desired: Int
    )
        -> ServiceConvergence
    {
        let complete = slots.filter { $0.task.status?.state == .complete }.count
        let active = slots.filter { ($0.task.status?.state?.progressRank ?? 0) < TaskState.complete.progressRank }.count
        return ServiceConvergence(
            service: service, mode: mode, phase: .converging, slots: slots, desired: desired, done: complete, active: active)
    }

    /// docker skips tasks whose desired or current state it does not rank.
    private static func isKnown(_ task: DockerTask) -> Bool {
        (task.desiredState?.progressRank ?? 0) > 0 && (task.status?.state?.progressRank ?? 0) > 0
    }
}

extension TaskState {
    /// docker's order of task states, for progress: `new` 1 … `running` 9, `complete` 10,
    /// `shutdown`, `failed`, `rejected` after; 0 for states it does not rank.
    var progressRank: Int {
        let order: [TaskState] = [
            .new, .allocated, .pending, .assigned, .accepted, .preparing, .ready, .starting, .running,
            .complete, .shutdown, .failed, .rejected,
        ]
        return order.firstIndex(of: self).map { $0 + 1 } ?? 0
    }
}
