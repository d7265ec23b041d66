/// What a BuildKit build's progress said about its steps, kept while the stream is read so
/// that a failure can name the step that failed and show its last output (docker prints the
/// same under the error). A plain value, fed one ``BuildKitStatus`` at a time.
public struct BuildKitStepOutput: Sendable {
    /// How many lines of each step's output are kept: 10.
    public static let keptLines = 10

    private var names: [String: String] = [:]
    private var failedVertex: String?
    private var lines: [String: [String]] = [:]
    /// Each step's output after its last newline.
    private var unfinishedLine: [String: String] = [:]

    public init() {}

    /// Takes in an update: step names, the step that failed, output lines.
    public mutating func add(_ status: BuildKitStatus) {
        for vertex in status.vertexes {
            self.names[vertex.digest] = vertex.name
            if vertex.error != nil { self.failedVertex = vertex.digest }
        }
        for log in status.logs {
            var text = self.unfinishedLine[log.vertex, default: ""] + log.text
            var kept = self.lines[log.vertex, default: []]
            while let newline = text.unicodeScalars.firstIndex(of: "\n") {
                kept.append(String(text[..<newline]))
                text = String(text[text.unicodeScalars.index(after: newline)...])
            }
            self.unfinishedLine[log.vertex] = text
            self.lines[log.vertex] = Array(kept.suffix(Self.keptLines))
        }
    }

    /// The step that failed, with its last lines; `nil` while none has.
    public var failedStep: FailedBuildStep? {
        guard let vertex = self.failedVertex, let name = self.names[vertex] else { return nil }
        var output = self.lines[vertex, default: []]
        if let last = self.unfinishedLine[vertex], !last.isEmpty { output.append(last) }
        return FailedBuildStep(name: name, lastOutput: Array(output.suffix(Self.keptLines)))
    }
}
