import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// BuildKit's progress as `docker buildx build --progress plain` prints it, from the typed
/// updates of ``BuildKitStatus``:
///
///     #5 [2/3] RUN make
///     #5 0.134 compiling
///     #5 DONE 1.2s
///
/// Each step gets a number when it first prints. Its lines are its header (`#N NAME`, again
/// whenever output comes back to it after another step's), its sub-tasks (`#N ID 1.20kB /
/// 3.40MB 0.3s done`), its output (`#N SECONDS LINE`, seconds since the step started), its
/// warnings, and its end (`DONE`, `CACHED`, `ERROR: …`, `CANCELED`). Updates print in the
/// order they arrive.
struct BuildKitPlainProgress {
    private struct Step {
        var number: Int
        var name: String
        /// The runs of the step (it may run, stop and run again), by start.
        var runs: [Date: Date?] = [:]
        /// The start of the latest run.
        var started: Date?
        var completed: Date?
        var cached = false
        var error: String?
        var endPrinted = false
        /// A line of output printed without its end yet, as the error summary will show it.
        var partialLine: String?
        /// The last lines of output, for the error summary.
        var lastLines: [String] = []
        var warningsPrinted: Set<String> = []
        /// Per sub-task: the progress and time it was last printed at.
        var printedStatuses: [String: (current: Int64, timestamp: Date?)] = [:]
    }

    private var steps: [String: Step] = [:]
    private var startOrder: [String] = []
    private var current: String?
    private var printedAnything = false
    /// Steps numbered so far: a step gets its number when it first prints.
    private var printedSteps = 0

    /// The lines a batch of updates adds (buildx draws what changed every 100 ms; the caller
    /// batches alike, so that a step that ends and restarts at once, or a sub-task that starts
    /// and ends at once, prints once). Steps print one after the other: those that ended, in
    /// the order they ended, then those still running, each with its sub-tasks' latest state,
    /// its output, its warnings, and its end.
    mutating func render(_ batch: BuildKitStatus) -> String {
        var touched: [String] = []
        func touch(_ digest: String) {
            if !touched.contains(digest) { touched.append(digest) }
        }
        for vertex in batch.vertexes where self.record(vertex) { touch(vertex.digest) }
        var latestStatuses: [String: BuildKitVertexStatus] = [:]
        var statusOrder: [String] = []
        for status in batch.statuses where self.steps[status.vertex] != nil {
            let key = status.vertex + "\u{0}" + status.id
            if latestStatuses[key] == nil { statusOrder.append(key) }
            latestStatuses[key] = status
            touch(status.vertex)
        }
        for log in batch.logs where self.steps[log.vertex] != nil { touch(log.vertex) }
        for warning in batch.warnings where self.steps[warning.vertex] != nil { touch(warning.vertex) }
        let ended = touched.filter { self.steps[$0]?.completed != nil }
            .sorted { (self.steps[$0]?.completed ?? .distantPast) < (self.steps[$1]?.completed ?? .distantPast) }
        var output = ""
        for digest in ended + touched.filter({ !ended.contains($0) }) {
            for key in statusOrder where latestStatuses[key]?.vertex == digest {
                latestStatuses[key].map { self.print($0, into: &output) }
            }
            for log in batch.logs where log.vertex == digest { self.print(log, into: &output) }
            for warning in batch.warnings where warning.vertex == digest { self.print(warning, into: &output) }
            self.printEnd(digest, into: &output)
        }
        return output
    }

    /// The summary printed after a failed build: each failed step's name and its last lines.
    func errorSummary() -> String {
        var output = ""
        for digest in self.startOrder {
            guard let step = self.steps[digest], let error = step.error, !error.hasByteSuffix("context canceled") else { continue }
            output += "------\n > \(step.name):\n"
            for line in (step.lastLines + [step.partialLine].compactMap { $0 }).suffix(10) { output += line + "\n" }
            output += "------\n"
        }
        return output
    }

    /// Keeps what `vertex` says of its step; returns whether the step is shown (it started).
    private mutating func record(_ vertex: BuildKitVertex) -> Bool {
        guard let started = vertex.started else { return false }
        var step = self.steps[vertex.digest] ?? Step(number: 0, name: vertex.name)
        if self.steps[vertex.digest] == nil { self.startOrder.append(vertex.digest) }
        if vertex.completed == nil { step.endPrinted = false }
        step.runs[started] = vertex.completed
        step.name = vertex.name
        step.started = started
        step.completed = vertex.completed
        step.cached = vertex.cached
        step.error = vertex.error
        self.steps[vertex.digest] = step
        return true
    }

    /// The step's header if output is not already under it, then its end once it ended.
    private mutating func printEnd(_ digest: String, into output: inout String) {
        self.switchTo(digest, into: &output)
        guard let step = self.steps[digest], step.completed != nil, !step.endPrinted else { return }
        self.steps[digest]?.endPrinted = true
        if let error = step.error {
            output += error.hasByteSuffix("context canceled") ? "#\(step.number) CANCELED\n" : "#\(step.number) ERROR: \(error)\n"
        } else if step.cached {
            output += "#\(step.number) CACHED\n"
        } else {
            let elapsed = step.runs.reduce(0.0) { total, run in total + max(0, run.value.map { $0.timeIntervalSince(run.key) } ?? 0) }
            output += "#\(step.number) DONE \(GoFloat.f(elapsed, precision: 1))s\n"
        }
        self.current = nil
    }

    private mutating func print(_ warning: BuildKitWarning, into output: inout String) {
        guard self.steps[warning.vertex]?.warningsPrinted.contains(warning.short) == false else { return }
        self.switchTo(warning.vertex, into: &output)
        guard var step = self.steps[warning.vertex] else { return }
        step.warningsPrinted.insert(warning.short)
        self.steps[warning.vertex] = step
        output += "#\(step.number) WARN: \(warning.short)\n"
    }

    private mutating func print(_ status: BuildKitVertexStatus, into output: inout String) {
        // As buildx: an unfinished sub-task prints again only after 5% more or 5 seconds.
        if status.completed == nil, let printed = self.steps[status.vertex]?.printedStatuses[status.id] {
            let share = status.total == 0 ? 0 : Double(status.current &- printed.current) / Double(status.total)
            let waited = status.timestamp.flatMap { now in printed.timestamp.map { now.timeIntervalSince($0) } } ?? 0
            if share < 0.05 && waited < 5 { return }
        }
        self.switchTo(status.vertex, into: &output)
        guard var step = self.steps[status.vertex] else { return }
        step.printedStatuses[status.id] = (status.current, status.timestamp)
        self.steps[status.vertex] = step
        var line = "#\(step.number) \(status.id)"
        if status.total != 0 {
            line += " \(Self.bytes(status.current)) / \(Self.bytes(status.total))"
        } else if status.current != 0 {
            line += " \(Self.bytes(status.current))"
        }
        if let started = status.started, let end = status.completed ?? status.timestamp, end.timeIntervalSince(started) > 0.01 {
            line += " " + GoFloat.f(end.timeIntervalSince(started), precision: 1) + "s"
        }
        if status.completed != nil { line += " done" }
        output += line + "\n"
    }

    private mutating func print(_ log: BuildKitLog, into output: inout String) {
        guard self.steps[log.vertex] != nil else { return }
        self.switchTo(log.vertex, into: &output)
        guard var step = self.steps[log.vertex] else { return }
        let seconds = max(0, (log.timestamp ?? Date()).timeIntervalSince(step.started ?? Date()))
        let time = GoFloat.f(seconds, precision: seconds < 10 ? 3 : seconds < 100 ? 2 : 1)
        var text = log.text
        if let partial = step.partialLine {
            // The rest of a line already started.
            let end = text.unicodeScalars.firstIndex(of: "\n") ?? text.endIndex
            output += text[..<end]
            step.partialLine = partial + text[..<end]
            guard end != text.endIndex else {
                self.steps[log.vertex] = step
                return
            }
            output += "\n"
            step.lastLines.append(partial + text[..<end])
            step.partialLine = nil
            text = String(text[text.unicodeScalars.index(after: end)...])
        }
        var lines = text.split(scalar: "\n", omittingEmptySubsequences: false)
        let unfinished = lines.removeLast()
        for line in lines {
            output += "#\(step.number) \(time) \(line)\n"
            step.lastLines.append("\(time) \(line)")
        }
        if !unfinished.isEmpty {
            output += "#\(step.number) \(time) \(unfinished)"
            step.partialLine = "\(time) \(unfinished)"
        }
        step.lastLines = Array(step.lastLines.suffix(10))
        self.steps[log.vertex] = step
    }

    /// Starts `digest`'s block: leaves the current step with `#N ...` if it is unfinished,
    /// then a blank line and the header.
    private mutating func switchTo(_ digest: String, into output: inout String) {
        guard self.current != digest, var step = self.steps[digest] else { return }
        if step.number == 0 {
            self.printedSteps += 1
            step.number = self.printedSteps
            self.steps[digest] = step
        }
        if let current = self.current, var previous = self.steps[current], previous.completed == nil {
            if let partial = previous.partialLine {
                output += "\n"
                previous.lastLines.append(partial)
                previous.partialLine = nil
                self.steps[current] = previous
            }
            output += "#\(previous.number) ...\n"
        }
        if self.printedAnything { output += "\n" }
        self.printedAnything = true
        output += "#\(step.number) \(step.name)\n"
        self.current = digest
    }

    /// A size as BuildKit prints it: whole bytes below 1000 (`512B`), else two decimals of
    /// the largest decimal unit (`1.23kB`, `3.40MB`).
    static func bytes(_ count: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(count)
        var unit = 0
        while abs(value) >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(count)B" : GoFloat.f(value, precision: 2) + units[unit]
    }
}
