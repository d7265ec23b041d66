import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Waits for `service` to converge, drawing docker's progress on stdout (redrawn on a terminal, plain lines otherwise);
/// `quiet` waits without drawing. Prints "verify: Service <displayName> converged" at the end as docker does.
///
/// An update or rollback the swarm paused throws the library's ``DockerError/Category/serviceNotConverged`` error
/// (docker's `service update paused: …`). Ctrl-C stops waiting, not the swarm: as docker, the command then ends
/// normally, saying the operation goes on unless every task already ran.
func showConvergence(_ client: DockerClient, service: String, displayName: String, quiet: Bool) async throws {
    let (reports, events) = AsyncThrowingStream<ServiceConvergence, any Error>.makeStream()
    let waiting = Task {
        do {
            try await client.services.waitUntilConverged(service) { events.yield($0) }
            events.finish()
        } catch {
            events.finish(throwing: error)
        }
    }
    defer { waiting.cancel() }

    var display = ServiceConvergenceDisplay(name: displayName, output: .standardOutput())
    do {
        try await CaughtSignals.catching([SIGINT], onSignal: { _ in events.finish(throwing: ConvergenceInterrupted()) }) {
            for try await report in reports {
                let text = display.render(report)
                if !quiet { printOut(text) }
            }
        }
        try Task.checkCancellation()
    } catch is ConvergenceInterrupted {
        if !quiet && !display.isVerifying { printOut(display.interruptionNotice()) }
    }
}

/// Ctrl-C while waiting for a service.
private struct ConvergenceInterrupted: Error {}

/// docker's drawing of a service's convergence (`cli/command/service/progress`, shown through
/// `jsonmessage`), fed the reports of ``DockerClient/Services/waitUntilConverged(_:options:progress:)``
/// one at a time: ``render(_:)`` returns the bytes to write.
///
/// docker's progress is a stream of records, each with an id, drawn by ``ProgressDisplay``: on a
/// terminal a record keeps its id's line, redrawn in place; off a terminal, records carrying a
/// bar (a task's state, a job's completion) are dropped and the others printed as `id: text`
/// lines, on every poll. The records are docker's: `overall progress: N out of M tasks`, one
/// `i/N` line per replica (per node for global services, by short node id; full node id for
/// global jobs) while there are 20 at most, the `verify:` lines, and for jobs `job progress`
/// and `active tasks`.
struct ServiceConvergenceDisplay {
    /// docker's widest task state shown (`allocated`, `preparing`), to which states are padded.
    private static let stateWidth = 9
    /// Above this many replicas (or nodes), docker draws no line per task.
    private static let maxTaskLines = 20

    /// One record of docker's progress stream.
    private enum Record {
        /// A line of text tracked by its id (`progress.Progress` with an action).
        case action(id: String, text: String)
        /// A tracked line with docker's bar of `current` out of `total` (counts hidden).
        case bar(id: String, text: String, current: Int, total: Int)
        /// An untracked line (`progress.Message`); an empty id prints the text alone.
        case message(id: String, text: String)
    }

    private var output: ProgressDisplay
    /// The name the `verify` and Ctrl-C lines give the service (what the user typed, or its id).
    private let name: String
    /// Whether the swarm rolls the update back: the overall line then says so.
    private var rollingBack = false
    /// Whether the first lines (overall progress, one blank line per task) were drawn.
    private var initialized = false
    /// Services: every task ran at the last poll, so task lines and the overall line stop.
    private var allRunning = false
    /// Replicated services: slot number → line number, in order of appearance.
    private var slotLines: [Int: Int] = [:]
    /// Jobs: the completions (or nodes) wanted and the concurrent tasks allowed, read at the start.
    private var jobTotal = 0
    private var jobConcurrency = 0
    /// Whether the last report found every task running (the stability period under way).
    private(set) var isVerifying = false

    init(name: String, output: ProgressDisplay) {
        self.name = name
        self.output = output
    }

    /// The text `report` adds to the output.
    mutating func render(_ report: ServiceConvergence) -> String {
        var records = self.rollbackRecords(report.service)
        let isJob = report.mode == .replicatedJob || report.mode == .globalJob
        switch report.phase {
        case .updateCompleted:
            break
        case .converged where !isJob:
            // The end of a service, decided from the service alone: no task is looked at.
            records.append(.action(id: "verify", text: "Service \(self.name) converged"))
            if let message = report.rollbackMessage {
                // docker's record of an empty message is an (empty) action, not a message.
                records.append(message.isEmpty ? .action(id: "rollback", text: "") : .message(id: "rollback", text: message))
            }
        default:
            records += self.taskRecords(report)
            switch report.phase {
            case .converged:
                records.append(.message(id: "", text: "job complete"))
            case .verifying(let remaining) where remaining > .zero:
                // docker's whole seconds left plus one, measured a moment after the tasks ran.
                let (seconds, fraction) = remaining.components
                records.append(
                    .action(id: "verify", text: "Waiting \(seconds + (fraction > 0 ? 1 : 0)) seconds to verify that tasks are stable..."))
            case .taskFailed:
                records.append(.action(id: "verify", text: "Detected task failure"))
            default:
                break
            }
        }
        switch report.phase {
        case .verifying: self.isVerifying = true
        default: self.isVerifying = false
        }
        var text = ""
        for record in records { text += self.draw(record) }
        return text
    }

    /// docker's two lines when Ctrl-C stops the wait before the tasks ran.
    mutating func interruptionNotice() -> String {
        let continuing = self.draw(.message(id: "", text: "Operation continuing in background."))
        return continuing + self.draw(.message(id: "", text: "Use `stevedore service ps \(self.name)` to check progress."))
    }

    // MARK: Records

    /// Follows the update status as docker does: a rollback that starts announces the swarm's
    /// reason once; a new update ends the rollback wording.
    private mutating func rollbackRecords(_ service: Service) -> [Record] {
        guard let status = service.updateStatus, let state = status.state else { return [] }
        var records: [Record] = []
        switch state.rawValue {
        case "updating":
            self.rollingBack = false
        case "rollback_started":
            if !self.rollingBack, let message = status.message, !message.isEmpty {
                records.append(.action(id: "rollback", text: message))
            }
            self.rollingBack = true
        case "rollback_completed":
            self.rollingBack = true
        default:
            break
        }
        return records
    }

    /// What docker's updater of the service's mode writes for one poll.
    private mutating func taskRecords(_ report: ServiceConvergence) -> [Record] {
        switch report.mode {
        case .replicated: return self.replicatedRecords(report)
        case .global: return self.globalRecords(report)
        case .replicatedJob: return self.replicatedJobRecords(report)
        case .globalJob: return self.globalJobRecords(report)
        }
    }

    private mutating func replicatedRecords(_ report: ServiceConvergence) -> [Record] {
        let replicas = report.desired
        var records: [Record] = []
        if !self.initialized {
            records.append(self.overall(0, of: replicas))
            if replicas <= Self.maxTaskLines {
                records += stride(from: 1, through: replicas, by: 1).map { Record.action(id: "\($0)/\(replicas)", text: " ") }
            }
            self.initialized = true
        }
        self.noteStopped(report.slots)
        for slot in report.slots {
            let number = self.slotLines[slot.task.slot ?? 0] ?? self.slotLines.count + 1
            self.slotLines[slot.task.slot ?? 0] = number
            guard !self.allRunning, replicas <= Self.maxTaskLines, number <= replicas else { continue }
            if let record = Self.taskRecord(slot.task, id: "\(number)/\(replicas)", total: 9, hidingEnded: true) {
                records.append(record)
            }
        }
        return records + self.overallAfterTasks(running: report.done, of: replicas)
    }

    private mutating func globalRecords(_ report: ServiceConvergence) -> [Record] {
        let nodes = report.desired
        var records: [Record] = []
        if !self.initialized {
            // No task yet: the orchestrator has not created them, or no node fits the service.
            guard nodes > 0 else { return [.action(id: "overall progress", text: "waiting for new tasks")] }
            records.append(self.overall(0, of: nodes))
            self.initialized = true
        }
        self.noteStopped(report.slots)
        if !self.allRunning && nodes <= Self.maxTaskLines {
            records += report.slots.compactMap {
                Self.taskRecord($0.task, id: ObjectID.truncated($0.label), total: 9, hidingEnded: true)
            }
        }
        return records + self.overallAfterTasks(running: report.done, of: nodes)
    }

    private mutating func replicatedJobRecords(_ report: ServiceConvergence) -> [Record] {
        var records: [Record] = []
        if !self.initialized {
            self.jobTotal = report.desired
            // docker's CLI creates jobs with MaxConcurrent set, by default to the completions.
            self.jobConcurrency = Int(report.service.spec?.mode?.replicatedJob?.maxConcurrent ?? Int64(report.desired))
            records += self.replicatedJobOverall(active: 0, completed: 0)
            if self.jobTotal <= Self.maxTaskLines {
                records += stride(from: 1, through: self.jobTotal, by: 1).map { Record.action(id: "\($0)/\(self.jobTotal)", text: " ") }
            }
            self.initialized = true
        }
        if self.jobTotal <= Self.maxTaskLines {
            records += report.slots.compactMap {
                Self.taskRecord($0.task, id: "\($0.label)/\(self.jobTotal)", total: 10, hidingEnded: false)
            }
        }
        return records + self.replicatedJobOverall(active: report.active ?? 0, completed: report.done)
    }

    private mutating func globalJobRecords(_ report: ServiceConvergence) -> [Record] {
        var records: [Record] = []
        if !self.initialized {
            guard report.phase != .waitingForTasks else { return [.action(id: "job progress", text: "waiting for tasks")] }
            self.jobTotal = report.desired
            records.append(self.globalJobOverall(completed: 0))
            self.initialized = true
        }
        if self.jobTotal <= Self.maxTaskLines {
            records += report.slots.compactMap { Self.taskRecord($0.task, id: $0.label, total: 10, hidingEnded: false) }
        }
        return records + [self.globalJobOverall(completed: report.done)]
    }

    /// Services: once every task ran, a task that stopped running brings the task lines back.
    private mutating func noteStopped(_ slots: [ServiceConvergence.Slot]) {
        if self.allRunning, slots.contains(where: { $0.task.status?.state != .running }) { self.allRunning = false }
    }

    /// The overall line after the task lines of a service, until every task ran.
    private mutating func overallAfterTasks(running: Int, of total: Int) -> [Record] {
        guard !self.allRunning else { return [] }
        if running == total { self.allRunning = true }
        return [self.overall(running, of: total)]
    }

    private func overall(_ running: Int, of total: Int) -> Record {
        let text = "\(running) out of \(total) tasks"
        return .action(id: "overall progress", text: self.rollingBack ? "rolling back update: " + text : text)
    }

    private func replicatedJobOverall(active: Int, completed: Int) -> [Record] {
        let activeWidth = String(self.jobConcurrency).count
        let wanted = min(self.jobTotal - completed, self.jobConcurrency)
        return [
            .bar(
                id: "job progress", text: "\(Self.padded(completed, String(self.jobTotal).count)) out of \(self.jobTotal) complete",
                current: completed, total: self.jobTotal),
            .action(
                id: "active tasks", text: "\(Self.padded(active, activeWidth)) out of \(Self.padded(wanted, activeWidth)) tasks"),
        ]
    }

    private func globalJobOverall(completed: Int) -> Record {
        .bar(
            id: "job progress", text: "\(Self.padded(completed, String(self.jobTotal).count)) out of \(self.jobTotal) complete",
            current: completed, total: self.jobTotal)
    }

    /// A task's line: its error, cut to fit, or its state with a bar of how far it got
    /// (`total` steps: 9 up to running, 10 for jobs, which complete). With `hidingEnded`
    /// (services), a task that ended or is being stopped has no line.
    private static func taskRecord(_ task: DockerTask, id: String, total: Int, hidingEnded: Bool) -> Record? {
        if let error = task.status?.err, !error.isEmpty {
            return .action(id: id, text: Self.truncatedError(error))
        }
        let state = task.status?.state
        let rank = state.map(Self.rank) ?? 0
        let running = Self.rank(.running)
        if hidingEnded && ((task.desiredState.map(Self.rank) ?? 0) > running || rank > running) { return nil }
        let name = state?.rawValue ?? ""
        return .bar(
            id: id, text: name + String(repeating: " ", count: max(0, Self.stateWidth - name.count)), current: rank, total: total)
    }

    /// docker's order of task states: `new` 1 … `running` 9, `complete` 10, then the ends; 0
    /// for states it does not know.
    private static func rank(_ state: TaskState) -> Int {
        let order: [TaskState] = [
            .new, .allocated, .pending, .assigned, .accepted, .preparing, .ready, .starting, .running,
            .complete, .shutdown, .failed, .rejected,
        ]
        return order.firstIndex(of: state).map { $0 + 1 } ?? 0
    }

    /// A task's error on one line of 75 bytes at most, as docker cuts it (`…` for the rest).
    private static func truncatedError(_ error: String) -> String {
        let line = error.replacingScalars("\n", with: " ")
        guard line.utf8.count > 75 else { return line }
        return String(decoding: line.utf8.prefix(74), as: UTF8.self) + "…"
    }

    /// Go's `%*d`: `value` right-aligned in `width` columns.
    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: " ", count: max(0, width - digits.count)) + digits
    }

    // MARK: Drawing

    /// A record as `jsonmessage` draws it. docker's progress records always carry a progress
    /// detail, empty for plain actions: that is what keeps an id's line (redrawn in place on a
    /// terminal) and what lets a plain action through off a terminal.
    private mutating func draw(_ record: Record) -> String {
        switch record {
        case .action(let id, let text):
            return self.output.render(ProgressMessage(id: id, status: text, progressDetail: ProgressDetail()))
        case .bar(let id, let text, let current, let total):
            // A job of no task has an empty bar; jsonmessage drops any other off a terminal.
            let hasBar = total > 0
            guard self.output.isTerminal || !hasBar else { return "" }
            // ProgressDisplay's bar, without the space it leaves for the counts docker hides here.
            let bar = hasBar ? self.output.box(current, of: total).dropLast() : ""
            let status = bar.isEmpty ? text : text + " " + bar
            return self.output.render(ProgressMessage(id: id, status: status, progressDetail: ProgressDetail()))
        case .message(let id, let text):
            return self.output.render(ProgressMessage(id: id.isEmpty ? nil : id, status: text))
        }
    }
}
