import Stevedore
import StevedoreFormatting
import Synchronization

/// docker's upload progress line (`Sending build context to Docker daemon  3.072kB`): redrawn
/// as bytes go on a terminal, printed once at the end otherwise, to `output` (stdout by default).
final class UploadProgress: Sendable {
    private let action: String
    private let isTerminal: Bool
    private let output: @Sendable (String) -> Void
    /// The bytes sent so far, and whether the final line is printed.
    private let state = Mutex((sent: Int64(0), finished: false))

    init(action: String, isTerminal: Bool, output: @escaping @Sendable (String) -> Void = printOut) {
        self.action = action
        self.isTerminal = isTerminal
        self.output = output
    }

    /// `total` bytes are sent so far.
    func update(_ total: Int64) {
        self.state.withLock { state in
            state.sent = total
            if self.isTerminal && !state.finished { self.output(self.line(state.sent) + "\r") }
        }
    }

    /// The upload is over: the final line, once.
    func finish() {
        self.state.withLock { state in
            guard !state.finished, state.sent > 0 else { return }
            state.finished = true
            self.output(self.line(state.sent) + "\r\r\n")
        }
    }

    private func line(_ sent: Int64) -> String {
        let size = HumanSize.decimal(sent, precision: 4)
        return self.action + " " + String(repeating: " ", count: max(8 - size.count, 0)) + size
    }
}
