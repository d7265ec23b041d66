import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Runs `body` with a client made from `options`, shutting the client down afterwards.
///
/// `body` runs on the client's event loop (``DockerClient/taskExecutor``): a command is the
/// only work of its process, so each request and each read of a stream is not handed from the
/// loop's thread to the cooperative pool and back. Nothing in `body` may block that thread
/// while the loop has other work: standard input is read on a Dispatch thread
/// (``StandardInput``), and output that waits on a terminal or pipe while the loop serves a
/// session (an interactive one, a BuildKit build's) is written from the global executor.
func withClient<Result>(_ options: GlobalOptions, _ body: (DockerClient) async throws -> Result) async throws -> Result {
    let client = try options.makeClient()
    defer { client.shutdown() }
    return try await withTaskExecutorPreference(client.taskExecutor) { try await body(client) }
}
