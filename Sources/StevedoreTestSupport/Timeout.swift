import NIOConcurrencyHelpers

/// An operation given to ``withTimeout(_:_:)`` did not finish in time.
public struct TimeoutError: Error, CustomStringConvertible {
    public var seconds: Double
    public var description: String { "the operation did not finish within \(self.seconds) s" }
}

/// Runs `operation` and returns its result, or throws ``TimeoutError`` after `seconds`.
///
/// Unlike a task group, this returns on time even when the operation ignores cancellation (it
/// is cancelled and left behind), so a hung transport fails the test instead of hanging it.
public func withTimeout<T: Sendable>(
    _ seconds: Double = 10,
    _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let resumed = NIOLockedValueBox(false)
    let tasks = NIOLockedValueBox<[Task<Void, Never>]>([])
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        @Sendable func finish(_ result: Result<T, any Error>) {
            guard
                resumed.withLockedValue({ done in
                    defer { done = true }; return !done
                })
            else { return }
            tasks.withLockedValue { $0 }.forEach { $0.cancel() }
            continuation.resume(with: result)
        }
        let work = Task {
            do { finish(.success(try await operation())) } catch { finish(.failure(error)) }
        }
        let timer = Task {
            try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            if !Task.isCancelled { finish(.failure(TimeoutError(seconds: seconds))) }
        }
        tasks.withLockedValue { $0 = [work, timer] }
        if resumed.withLockedValue({ $0 }) { work.cancel(); timer.cancel() }
    }
}
