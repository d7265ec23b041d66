import Foundation
import Stevedore
import StevedoreFormatting

/// docker's upload progress line (`Sending build context to Docker daemon  3.072kB`): redrawn
/// as bytes go on a terminal, printed once at the end otherwise.
final class UploadProgress: @unchecked Sendable {
    private let action: String
    private let isTerminal: Bool
    private let lock = NSLock()
    private var sent: Int64 = 0
    private var finished = false

    init(action: String, isTerminal: Bool) {
        self.action = action
        self.isTerminal = isTerminal
    }

    /// `total` bytes are sent so far.
    func update(_ total: Int64) {
        self.lock.withLock {
            self.sent = total
            if self.isTerminal && !self.finished { printOut(self.line + "\r") }
        }
    }

    /// The upload is over: the final line, once.
    func finish() {
        self.lock.withLock {
            guard !self.finished, self.sent > 0 else { return }
            self.finished = true
            printOut(self.line + "\r\r\n")
        }
    }

    private var line: String {
        let size = HumanSize.decimal(self.sent, precision: 4)
        return self.action + " " + String(repeating: " ", count: max(8 - size.count, 0)) + size
    }
}
