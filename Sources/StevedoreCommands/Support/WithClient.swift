import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Runs `body` with a client made from `options`, shutting the client down afterwards.
func withClient<Result>(_ options: GlobalOptions, _ body: (DockerClient) async throws -> Result) async throws -> Result {
    let client = try options.makeClient()
    defer { client.shutdown() }
    return try await body(client)
}
