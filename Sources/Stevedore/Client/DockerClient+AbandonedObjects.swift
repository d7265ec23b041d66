import NIOConcurrencyHelpers

/// Creates and removals that a cancellation of the calling task must not cut short.
///
/// The daemon carries out a create whose client has gone away (a network or volume create
/// cancelled 1 ms after its request was written is made all the same; a container create
/// takes longer and is made too), so a create cancelled in flight would leave behind an
/// object no one knows of. And a request made from a cancelled task is never sent, so the
/// removal of such an object cannot be made from the cancelled task either.
extension DockerClient {
    /// How long a cancelled create waits for the daemon's answer before it gives up on it (a
    /// loaded daemon took 7 s to create a container).
    static let cancelledCreateGrace = Duration.seconds(15)

    /// How long ``removeAbandoned(grace:_:)`` waits for the daemon.
    static let abandonedRemovalGrace = Duration.seconds(10)

    /// When the grace of ``outcomeOutsideCancellation(of:cancellingAfter:countedFrom:)``
    /// starts.
    enum GraceStart {
        /// At once: the operation has the grace in all.
        case now
        /// When the calling task is cancelled: until then the operation has all the time it
        /// takes, as any other request.
        case callerCancellation
    }

    /// Runs `create` carried through a cancellation of the calling task: when the caller is
    /// cancelled while the request is in flight, its answer is awaited (for `grace` at most),
    /// what it made removed with `remove` (from a task of its own, see
    /// ``removeAbandoned(grace:_:)``) and `CancellationError` thrown. A daemon that has not answered
    /// within `grace` is left to its create: the request is cancelled. A caller already
    /// cancelled sends nothing.
    ///
    /// Only for creates whose success means a new object: one that can return an existing
    /// object (a volume of a name in use) must not be undone.
    func createLeavingNothingIfCancelled<Created: Sendable>(
        grace: Duration = DockerClient.cancelledCreateGrace,
        _ create: @escaping @Sendable () async throws -> Created,
        removing remove: @escaping @Sendable (Created) async throws -> Void
    ) async throws -> Created {
        // The operation's task does not inherit a cancellation that came before it.
        try Task.checkCancellation()
        let outcome = await self.outcomeOutsideCancellation(of: create, cancellingAfter: grace, countedFrom: .callerCancellation)
        guard !Task.isCancelled else {
            if case .success(let created) = outcome { await self.removeAbandoned { try await remove(created) } }
            throw CancellationError()
        }
        return try outcome.get()
    }

    /// Runs `remove`, the removal of an object an operation made and then failed, ignoring any
    /// error. It runs in a task of its own, so that it is sent even when the failure was the
    /// caller's task being cancelled, and is given up on after `grace`, so that a stuck daemon
    /// does not hold the failed call.
    func removeAbandoned(
        grace: Duration = DockerClient.abandonedRemovalGrace, _ remove: @escaping @Sendable () async throws -> Void
    ) async {
        _ = await self.outcomeOutsideCancellation(of: remove, cancellingAfter: grace, countedFrom: .now)
    }

    /// The outcome of `operation`, run in a task of its own, which a cancellation of the
    /// calling task does not reach, and cancelled `grace` after `start`.
    private func outcomeOutsideCancellation<Value: Sendable>(
        of operation: @escaping @Sendable () async throws -> Value, cancellingAfter grace: Duration, countedFrom start: GraceStart
    ) async -> Result<Value, any Error> {
        // On the connection's event loop, where the exchange runs anyway: a task on the global
        // executor would add two thread hand-offs to every request it makes.
        let task = Task(executorPreference: self.taskExecutor) { try await operation() }
        let timer = NIOLockedValueBox<(task: Task<Void, Never>?, finished: Bool)>((nil, false))
        let startTimer: @Sendable () -> Void = {
            timer.withLockedValue { timer in
                guard !timer.finished, timer.task == nil else { return }
                timer.task = Task {
                    // Cancelled, the timer has nothing to do: the operation finished.
                    guard (try? await Task.sleep(for: grace)) != nil else { return }
                    task.cancel()
                }
            }
        }
        if start == .now { startTimer() }
        let outcome = await withTaskCancellationHandler {
            await task.result
        } onCancel: {
            startTimer()
        }
        timer.withLockedValue { timer in
            timer.finished = true
            timer.task?.cancel()
        }
        return outcome
    }
}
