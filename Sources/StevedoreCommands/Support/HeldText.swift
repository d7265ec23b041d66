import Synchronization

/// Text held back to be printed later, or never: what docker's quiet commands keep in a buffer
/// and show only when they fail. Appended from any thread.
final class HeldText: Sendable {
    private let held = Mutex("")

    func append(_ text: String) {
        self.held.withLock { $0 += text }
    }

    /// Everything appended so far.
    var text: String { self.held.withLock { $0 } }
}
