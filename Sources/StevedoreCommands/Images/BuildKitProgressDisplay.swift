import Foundation
import Stevedore

/// How `build --progress` shows a BuildKit build on stderr: `plain` as `docker buildx build`
/// prints it to a file, `tty` as a live view redrawn in place, `rawjson` as each update's JSON,
/// `quiet` not at all; `auto` is `tty` on a terminal and `plain` otherwise.
struct BuildKitProgressDisplay {
    enum Mode {
        case plain, tty, rawJSON, quiet

        init(_ progress: String, isTerminal: Bool) {
            switch progress {
            case "plain": self = .plain
            case "tty": self = .tty
            case "rawjson": self = .rawJSON
            case "quiet": self = .quiet
            default: self = isTerminal ? .tty : .plain
            }
        }
    }

    let mode: Mode
    /// Kept in `plain` and `tty`, the modes that print the error summary it makes.
    private var plain = BuildKitPlainProgress()
    private var live = BuildKitLiveProgress()
    /// Updates not drawn yet, and when the first of them came.
    private var batch = BuildKitStatus()
    private var batchStarted: ContinuousClock.Instant?

    /// How long updates gather before they are drawn, as buildx draws.
    static let batchInterval = Duration.milliseconds(100)

    init(mode: Mode) {
        self.mode = mode
    }

    /// What to write for `status`: in `plain` and `tty`, what the updates gathered so far add
    /// once ``batchInterval`` passed since the first of them, else nothing yet.
    mutating func render(_ status: BuildKitStatus, now: ContinuousClock.Instant = .now) -> String {
        if self.mode == .rawJSON { return Self.json(status) }
        self.batch.vertexes += status.vertexes
        self.batch.statuses += status.statuses
        self.batch.logs += status.logs
        self.batch.warnings += status.warnings
        let started = self.batchStarted ?? now
        self.batchStarted = started
        return now - started >= Self.batchInterval ? self.flush() : ""
    }

    /// What to write when no update came for a while: the gathered updates once
    /// ``batchInterval`` passed, and in `tty` the view again, for its timers.
    mutating func tick(now: ContinuousClock.Instant = .now) -> String {
        if let started = self.batchStarted, now - started >= Self.batchInterval { return self.flush() }
        return self.mode == .tty ? self.live.redraw() : ""
    }

    /// What to write once the build ended: what was not drawn yet.
    mutating func finish() -> String {
        let text = self.flush()
        return self.mode == .tty ? self.live.finish() : text
    }

    private mutating func flush() -> String {
        let batch = self.batch
        self.batch = BuildKitStatus()
        self.batchStarted = nil
        switch self.mode {
        case .plain: return self.plain.render(batch)
        case .tty:
            // The plain state only serves the error summary here.
            _ = self.plain.render(batch)
            return self.live.render(batch)
        case .rawJSON, .quiet: return ""
        }
    }

    /// The failed steps and their last output, printed before a failed build's error.
    func errorSummary() -> String {
        self.mode == .quiet || self.mode == .rawJSON ? "" : self.plain.errorSummary()
    }

    /// An update as buildx's `rawjson` writes it: indented JSON with the status' vertexes,
    /// statuses, logs (data in base64) and warnings.
    static func json(_ status: BuildKitStatus) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        func time(_ date: Date?) -> String? {
            date.map { formatter.string(from: $0) }
        }
        var object: [String: Any] = [:]
        if !status.vertexes.isEmpty {
            object["vertexes"] = status.vertexes.map { vertex in
                [
                    "digest": vertex.digest, "inputs": vertex.inputs, "name": vertex.name, "cached": vertex.cached,
                    "started": time(vertex.started) as Any, "completed": time(vertex.completed) as Any, "error": vertex.error as Any,
                ].compactMapValues { $0 is NSNull ? nil : $0 }
            }
        }
        if !status.statuses.isEmpty {
            object["statuses"] = status.statuses.map { status in
                [
                    "id": status.id, "vertex": status.vertex, "name": status.name, "current": status.current, "total": status.total,
                    "timestamp": time(status.timestamp) as Any, "started": time(status.started) as Any,
                    "completed": time(status.completed) as Any,
                ].compactMapValues { $0 is NSNull ? nil : $0 }
            }
        }
        if !status.logs.isEmpty {
            object["logs"] = status.logs.map { log in
                [
                    "vertex": log.vertex, "stream": log.stream, "data": Data(log.data).base64EncodedString(),
                    "timestamp": time(log.timestamp) as Any,
                ].compactMapValues { $0 is NSNull ? nil : $0 }
            }
        }
        if !status.warnings.isEmpty {
            object["warnings"] = status.warnings.map { warning in
                [
                    "vertex": warning.vertex, "level": warning.level, "short": warning.short, "detail": warning.detail,
                    "url": warning.url ?? "",
                ]
            }
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
