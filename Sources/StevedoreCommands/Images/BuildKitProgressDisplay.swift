import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

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

    /// What to write once the build ended: what was not drawn yet, and in `tty` the last view.
    mutating func finish() -> String {
        self.flush(finished: true)
    }

    private mutating func flush(finished: Bool = false) -> String {
        let batch = self.batch
        self.batch = BuildKitStatus()
        self.batchStarted = nil
        switch self.mode {
        case .plain: return self.plain.render(batch)
        case .tty:
            // The plain state only serves the error summary here.
            _ = self.plain.render(batch)
            return finished ? self.live.finish(after: batch) : self.live.render(batch)
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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        guard let data = try? encoder.encode(RawJSONStatus(status)) else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// An update in buildx's `rawjson` shape; empty lists and absent times are left out.
private struct RawJSONStatus: Encodable {
    struct Vertex: Encodable {
        var digest: String
        var inputs: [String]
        var name: String
        var cached: Bool
        var started: Date?
        var completed: Date?
        var error: String?
    }

    struct VertexStatus: Encodable {
        var id: String
        var vertex: String
        var name: String
        var current: Int64
        var total: Int64
        var timestamp: Date?
        var started: Date?
        var completed: Date?
    }

    struct Log: Encodable {
        var vertex: String
        var stream: Int
        /// Base64, as Go encodes bytes.
        var data: String
        var timestamp: Date?
    }

    struct Warning: Encodable {
        var vertex: String
        var level: Int
        var short: String
        var detail: [String]
        var url: String
    }

    var vertexes: [Vertex]?
    var statuses: [VertexStatus]?
    var logs: [Log]?
    var warnings: [Warning]?

    init(_ status: BuildKitStatus) {
        self.vertexes =
            status.vertexes.map {
                Vertex(
                    digest: $0.digest, inputs: $0.inputs, name: $0.name, cached: $0.cached, started: $0.started, completed: $0.completed,
                    error: $0.error)
            }.nilIfEmpty
        self.statuses =
            status.statuses.map {
                VertexStatus(
                    id: $0.id, vertex: $0.vertex, name: $0.name, current: $0.current, total: $0.total, timestamp: $0.timestamp,
                    started: $0.started, completed: $0.completed)
            }.nilIfEmpty
        self.logs =
            status.logs.map {
                Log(vertex: $0.vertex, stream: $0.stream, data: Data($0.data).base64EncodedString(), timestamp: $0.timestamp)
            }.nilIfEmpty
        self.warnings =
            status.warnings.map { Warning(vertex: $0.vertex, level: $0.level, short: $0.short, detail: $0.detail, url: $0.url ?? "") }
            .nilIfEmpty
    }
}
