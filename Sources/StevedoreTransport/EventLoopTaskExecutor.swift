import NIOCore

/// A `TaskExecutor` that runs a task's jobs on one NIO event loop.
///
/// Why: a request written from a task on Swift's global executor and answered on the event
/// loop crosses threads several times (submit the write, resume on the head, ask for more
/// body, release the connection), and each crossing wakes a sleeping thread. A task that
/// prefers this executor (see ``HTTPTransport/taskExecutor``) does all of that on the loop's
/// thread. Its jobs must not block the loop.
public final class EventLoopTaskExecutor: TaskExecutor {
    /// The loop that runs the jobs.
    public let eventLoop: any EventLoop

    public init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        self.eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
