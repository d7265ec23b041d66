import SwiftProtobuf

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One update of a BuildKit build's progress: what a `moby.buildkit.trace` line of
/// `POST /build?version=2` carries (BuildKit's `StatusResponse`, base64 protobuf in `aux`).
///
/// Updates are deltas: a vertex (a step) is sent again each time it changes, with all its
/// fields; statuses report a step's sub-tasks (`current`/`total` of a transfer); logs are the
/// output of `RUN` steps as it comes. See ``ProgressMessage/buildKitStatus``.
public struct BuildKitStatus: Hashable, Sendable {
    /// Steps that started, finished, or failed since the last update.
    public var vertexes: [BuildKitVertex]
    /// Progress of steps' sub-tasks (layers pulled, files transferred).
    public var statuses: [BuildKitVertexStatus]
    /// Output of steps, in the order produced.
    public var logs: [BuildKitLog]
    /// Warnings about the build definition (the Dockerfile's lint checks).
    public var warnings: [BuildKitWarning]

    public init(
        vertexes: [BuildKitVertex] = [], statuses: [BuildKitVertexStatus] = [], logs: [BuildKitLog] = [],
        warnings: [BuildKitWarning] = []
    ) {
        self.vertexes = vertexes
        self.statuses = statuses
        self.logs = logs
        self.warnings = warnings
    }

    /// Decodes the `aux` of a `moby.buildkit.trace` line. Throws
    /// ``DockerError/Category/malformedResponse`` when it is not base64 of a `StatusResponse`.
    public init(traceAux base64: String) throws {
        guard let bytes = Data(base64Encoded: base64) else {
            throw DockerError.malformedResponse("a BuildKit trace is not base64")
        }
        let response: Moby_Buildkit_V1_StatusResponse
        do {
            response = try Moby_Buildkit_V1_StatusResponse(serializedBytes: bytes)
        } catch {
            throw DockerError.malformedResponse("a BuildKit trace is not a StatusResponse: \(error)")
        }
        self.init(
            vertexes: response.vertexes.map(BuildKitVertex.init), statuses: response.statuses.map(BuildKitVertexStatus.init),
            logs: response.logs.map(BuildKitLog.init), warnings: response.warnings.map(BuildKitWarning.init))
    }
}

/// A step of a BuildKit build (BuildKit's `Vertex`).
public struct BuildKitVertex: Hashable, Sendable {
    /// The step's digest: the identity logs and statuses refer to.
    public var digest: String
    /// The digests of the steps it depends on.
    public var inputs: [String]
    /// What the step is, as docker prints it: `[2/3] RUN make`, `[internal] load .dockerignore`.
    public var name: String
    /// Whether the result came from the build cache.
    public var cached: Bool
    /// When it started; `nil` before.
    public var started: Date?
    /// When it ended; `nil` before.
    public var completed: Date?
    /// Why it failed; `nil` unless it did.
    public var error: String?

    public init(
        digest: String, inputs: [String] = [], name: String, cached: Bool = false, started: Date? = nil, completed: Date? = nil,
        error: String? = nil
    ) {
        self.digest = digest
        self.inputs = inputs
        self.name = name
        self.cached = cached
        self.started = started
        self.completed = completed
        self.error = error
    }

    init(_ vertex: Moby_Buildkit_V1_Vertex) {
        self.init(
            digest: vertex.digest, inputs: vertex.inputs, name: vertex.name, cached: vertex.cached,
            started: vertex.hasStarted ? vertex.started.date : nil, completed: vertex.hasCompleted ? vertex.completed.date : nil,
            error: vertex.error.isEmpty ? nil : vertex.error)
    }
}

/// Progress of a step's sub-task (BuildKit's `VertexStatus`): a layer being pulled, files
/// being transferred.
public struct BuildKitVertexStatus: Hashable, Sendable {
    /// The sub-task (a layer's digest, `transferring context`).
    public var id: String
    /// The step's digest.
    public var vertex: String
    /// What it is doing (`extracting`, `done`).
    public var name: String
    /// Units done (bytes, files).
    public var current: Int64
    /// Units in all; 0 when unknown.
    public var total: Int64
    /// When this was reported.
    public var timestamp: Date?
    /// When the sub-task started and ended.
    public var started: Date?
    public var completed: Date?

    public init(
        id: String, vertex: String, name: String = "", current: Int64 = 0, total: Int64 = 0, timestamp: Date? = nil,
        started: Date? = nil, completed: Date? = nil
    ) {
        self.id = id
        self.vertex = vertex
        self.name = name
        self.current = current
        self.total = total
        self.timestamp = timestamp
        self.started = started
        self.completed = completed
    }

    init(_ status: Moby_Buildkit_V1_VertexStatus) {
        self.init(
            id: status.id, vertex: status.vertex, name: status.name, current: status.current, total: status.total,
            timestamp: status.hasTimestamp ? status.timestamp.date : nil, started: status.hasStarted ? status.started.date : nil,
            completed: status.hasCompleted ? status.completed.date : nil)
    }
}

/// Output of a step (BuildKit's `VertexLog`).
public struct BuildKitLog: Hashable, Sendable {
    /// The step's digest.
    public var vertex: String
    /// When it was written.
    public var timestamp: Date?
    /// `1` for standard output, `2` for standard error.
    public var stream: Int
    /// The bytes, as the step wrote them (a piece may end mid-line).
    public var data: [UInt8]

    /// ``data`` as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: self.data, as: UTF8.self) }

    public init(vertex: String, timestamp: Date? = nil, stream: Int, data: [UInt8]) {
        self.vertex = vertex
        self.timestamp = timestamp
        self.stream = stream
        self.data = data
    }

    init(_ log: Moby_Buildkit_V1_VertexLog) {
        self.init(
            vertex: log.vertex, timestamp: log.hasTimestamp ? log.timestamp.date : nil, stream: Int(truncatingIfNeeded: log.stream),
            data: Array(log.msg))
    }
}

/// A warning about the build (BuildKit's `VertexWarning`): a Dockerfile lint check.
public struct BuildKitWarning: Hashable, Sendable {
    /// The step's digest.
    public var vertex: String
    /// How serious: higher is worse.
    public var level: Int
    /// The warning in one line.
    public var short: String
    /// Longer explanations.
    public var detail: [String]
    /// Where to read more.
    public var url: String?
    /// The file the warning is about (the Dockerfile), and the 1-based lines of each range.
    public var file: String?
    public var lines: [ClosedRange<Int>]

    init(_ warning: Moby_Buildkit_V1_VertexWarning) {
        self.vertex = warning.vertex
        self.level = Int(truncatingIfNeeded: warning.level)
        self.short = String(decoding: warning.short, as: UTF8.self)
        self.detail = warning.detail.map { String(decoding: $0, as: UTF8.self) }
        self.url = warning.url.isEmpty ? nil : warning.url
        self.file = warning.hasInfo && !warning.info.filename.isEmpty ? warning.info.filename : nil
        self.lines = warning.ranges.map { range in
            let start = Int(range.start.line)
            return start...max(start, Int(range.end.line))
        }
    }
}

extension ProgressMessage {
    /// The BuildKit progress this message carries: for a `moby.buildkit.trace` line of a
    /// BuildKit build, its decoded ``BuildKitStatus``; `nil` for any other message. Throws
    /// ``DockerError/Category/malformedResponse`` for a trace that does not decode.
    public var buildKitStatus: BuildKitStatus? {
        get throws {
            guard self.id == "moby.buildkit.trace", let aux = self.aux?.stringValue else { return nil }
            return try BuildKitStatus(traceAux: aux)
        }
    }
}
