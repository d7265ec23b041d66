import NIOCore
import NIOPosix
import Testing

@testable import StevedoreTransport

@Suite struct EventLoopTaskExecutorTests {
    @Test func aTaskThatPrefersItRunsOnTheLoopAndLeavesItAfterwards() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let executor = EventLoopTaskExecutor(group.next())
        let (before, afterSuspending) = await withTaskExecutorPreference(executor) {
            let before = executor.eventLoop.inEventLoop
            // Resumed after a suspension: still on the loop.
            try? await Task.sleep(for: .milliseconds(1))
            return (before, executor.eventLoop.inEventLoop)
        }
        #expect(before && afterSuspending)
        #expect(!executor.eventLoop.inEventLoop, "the preference ends with the closure")
        try await group.shutdownGracefully()
    }

    @Test func childTasksInheritThePreference() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let executor = EventLoopTaskExecutor(group.next())
        let onLoop = await withTaskExecutorPreference(executor) {
            await withTaskGroup(of: Bool.self) { tasks in
                for _ in 0..<4 { tasks.addTask { executor.eventLoop.inEventLoop } }
                return await tasks.reduce(true) { $0 && $1 }
            }
        }
        #expect(onLoop)
        try await group.shutdownGracefully()
    }
}
