import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// BuildKit's progress as a live view on a terminal, redrawn in place on each update, in the
/// shape of buildx's: a title with the time and the steps done, a line per step with its time
/// (finished steps collapse to that line), and under a running step its last lines of output.
struct BuildKitLiveProgress {
    private struct Step {
        var name: String
        var started: Date
        var completed: Date?
        var cached: Bool
        var error: String?
        var lastLines: [String] = []
    }

    /// Lines of output shown under a running step.
    static let shownLines = 6

    private var steps: [String: Step] = [:]
    private var order: [String] = []
    private var total: Set<String> = []
    private let start = Date()
    private var drawnLines = 0

    /// The view after `status`, replacing the one drawn before.
    mutating func render(_ status: BuildKitStatus, now: Date = Date()) -> String {
        self.apply(status)
        return self.draw(now: now, finished: false)
    }

    /// The view again, its times advanced; nothing before the first update.
    mutating func redraw(now: Date = Date()) -> String {
        self.drawnLines == 0 ? "" : self.draw(now: now, finished: false)
    }

    /// The last view, after the updates in `status` not drawn yet, with every step's final
    /// state. It replaces the last view drawn: the updates go into it, not into a view of their
    /// own whose height the terminal never saw.
    mutating func finish(after status: BuildKitStatus, now: Date = Date()) -> String {
        self.apply(status)
        return self.draw(now: now, finished: true)
    }

    private mutating func apply(_ status: BuildKitStatus) {
        for vertex in status.vertexes {
            self.total.insert(vertex.digest)
            guard let started = vertex.started else { continue }
            if self.steps[vertex.digest] == nil { self.order.append(vertex.digest) }
            let lines = self.steps[vertex.digest]?.lastLines ?? []
            self.steps[vertex.digest] = Step(
                name: vertex.name, started: started, completed: vertex.completed, cached: vertex.cached, error: vertex.error,
                lastLines: lines)
        }
        for log in status.logs {
            guard var step = self.steps[log.vertex] else { continue }
            step.lastLines += log.text.split(scalar: "\n").map(String.init)
            step.lastLines = Array(step.lastLines.suffix(Self.shownLines))
            self.steps[log.vertex] = step
        }
    }

    private mutating func draw(now: Date, finished: Bool) -> String {
        let width = Terminal.size()?.width ?? 80
        let done = self.steps.values.filter { $0.completed != nil }.count
        var lines = [
            "[+] Building \(Self.seconds(now.timeIntervalSince(self.start))) (\(done)/\(self.total.count))" + (finished ? " FINISHED" : "")
        ]
        for digest in self.order {
            guard let step = self.steps[digest] else { continue }
            let elapsed = (step.completed ?? now).timeIntervalSince(step.started)
            let mark = step.error != nil ? "ERROR " : step.cached ? "CACHED " : ""
            lines.append(Self.fitted(" => \(mark)\(step.name)", Self.seconds(elapsed), width: width))
            if step.completed == nil || step.error != nil {
                for line in step.lastLines { lines.append(Self.fitted(" => => # \(line)", "", width: width)) }
            }
        }
        // Up to the first line drawn before, clear to the end of the screen, draw.
        var output = self.drawnLines > 0 ? "\u{1B}[\(self.drawnLines)A\r\u{1B}[J" : ""
        output += lines.joined(separator: "\n") + "\n"
        self.drawnLines = lines.count
        return output
    }

    private static func seconds(_ interval: TimeInterval) -> String {
        GoFloat.f(max(0, interval), precision: 1) + "s"
    }

    /// `text` cut to leave room for `suffix`, which ends the line at `width`.
    private static func fitted(_ text: String, _ suffix: String, width: Int) -> String {
        let room = max(10, width - suffix.count - 1)
        let cut = text.count > room ? String(text.prefix(room - 3)) + "..." : text
        guard !suffix.isEmpty else { return cut }
        return cut + String(repeating: " ", count: max(1, width - cut.count - suffix.count)) + suffix
    }
}
