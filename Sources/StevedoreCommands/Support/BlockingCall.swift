import Dispatch
import Synchronization

/// Runs `work`, which blocks its thread (a read of stdin), on a Dispatch thread: never on a
/// thread of Swift's cooperative pool, nor on the client's event loop that a command runs on
/// (see `withClient`). A task cancelled meanwhile (the first SIGINT or SIGTERM, see
/// ``TerminationSignals``) stops waiting at once with `CancellationError`; `work` goes on until
/// its call returns, and what it returns is dropped.
func blockingCall<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    let waiting = Mutex<CheckedContinuation<Value, any Error>?>(nil)
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            waiting.withLock { $0 = continuation }
            // Cancelled before the continuation was there to resume.
            if Task.isCancelled {
                waiting.withLock { $0.take() }?.resume(throwing: CancellationError())
                return
            }
            DispatchQueue.global().async {
                let result = Result { try work() }
                waiting.withLock { $0.take() }?.resume(with: result)
            }
        }
    } onCancel: {
        waiting.withLock { $0.take() }?.resume(throwing: CancellationError())
    }
}
