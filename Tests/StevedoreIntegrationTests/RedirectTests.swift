import Foundation
import StevedoreTestSupport
import Testing

@testable import Stevedore

/// The daemon answers a path it cleans (`/containers/..`) with a redirect and does nothing:
/// that must never read as a success. The public API refuses such names before any request
/// (`ObjectPath`), so these requests are made below it.
@Suite(
    "Redirects from the real engine",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct RedirectTests {
    @Test(arguments: ["/containers/..", "/volumes/..", "/networks/..", "/images/../json"])
    func aRedirectIsAnError(path: String) async throws {
        try await TestEngine.withClient { client in
            let request = path.hasSuffix("/json") ? DockerRequest(.GET, path) : DockerRequest(.DELETE, path)
            let error = await #expect(throws: DockerError.self) { try await client.discardingBody(request) }
            #expect(error?.category == .invalidArgument, "\(String(describing: error))")
            #expect((300..<400).contains(error?.statusCode ?? 0), "\(String(describing: error))")
            #expect(error?.message.contains("redirect") == true)
            // The connection is still good for the next request.
            _ = try await client.system.ping()
        }
    }
}
