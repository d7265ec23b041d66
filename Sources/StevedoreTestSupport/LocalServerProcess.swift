import Foundation
import NIOConcurrencyHelpers
import Stevedore
import Subprocess
import SystemPackage

/// A server program the tests run in the background on a port of 127.0.0.1 (a registry, sshd).
///
/// It runs under swift-subprocess in a task of its own, which watches the child through a pidfd:
/// its exit is noticed even while other tests start and reap processes of their own (Foundation's
/// `Process` could miss it there, and `waitUntilExit()` then hung for ever).
final class LocalServerProcess: Sendable {
    let port: Int
    private let name: String
    /// Runs the program until it exits; cancelling it ends the program (SIGTERM, then SIGKILL if
    /// it still runs ``shutdownGrace`` later).
    private let running: Task<Void, Never>
    /// How the program ended, once it has: its status, or why it could not start.
    private let outcome: NIOLockedValueBox<Result<TerminationStatus, any Error>?>

    /// How long the program has to exit after SIGTERM before it is killed.
    private static let shutdownGrace: Duration = .seconds(5)

    /// Starts `executable` with `arguments` (its output discarded) and waits up to 10 seconds
    /// until 127.0.0.1:`port` accepts connections.
    init(executable: String, arguments: [String], port: Int) async throws {
        self.port = port
        self.name = URL(fileURLWithPath: executable).lastPathComponent
        let outcome = NIOLockedValueBox<Result<TerminationStatus, any Error>?>(nil)
        self.outcome = outcome
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: Self.shutdownGrace)]
        self.running = Task { [options] in
            do {
                let result = try await Subprocess.run(
                    .path(FilePath(executable)), arguments: Arguments(arguments), platformOptions: options,
                    output: .discarded, error: .discarded)
                outcome.withLockedValue { $0 = .success(result.terminationStatus) }
            } catch {
                outcome.withLockedValue { $0 = .failure(error) }
            }
        }
        for _ in 0..<200 {
            switch outcome.withLockedValue({ $0 }) {
            case .success(let status):
                throw TestServerError("\(self.name) exited at start (\(status))")
            case .failure(let error):
                throw TestServerError("\(executable) could not start (is its package installed?): \(error)")
            case nil:
                break
            }
            if Self.accepts(port: port) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        await self.stop()
        throw TestServerError("\(self.name) did not listen on 127.0.0.1:\(port) within 10 s")
    }

    /// A server nobody stops (a test that threw past its `stop`) still ends.
    deinit { self.running.cancel() }

    /// Ends the program and waits until it has exited: SIGTERM, then SIGKILL after
    /// ``shutdownGrace``, so this returns within about that time.
    func stop() async {
        self.running.cancel()
        await self.running.value
    }

    /// A port nothing listens on now: bind port 0, read what the kernel chose, close.
    static func freePort() throws -> Int {
        try Self.withSocket { socket, address in
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
                }
            }
            guard bound else { throw TestServerError("could not find a free port") }
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }

    /// Whether something accepts a TCP connection at 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        (try? Self.withSocket { socket, address in
            address.sin_port = in_port_t(UInt16(port)).bigEndian
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
        }) ?? false
    }

    /// Runs `body` with a new TCP socket and an IPv4 address of 127.0.0.1, port 0.
    private static func withSocket<Result>(_ body: (CInt, inout sockaddr_in) throws -> Result) throws -> Result {
        let socket = Foundation.socket(AF_INET, streamSocketType, 0)
        guard socket >= 0 else { throw TestServerError("socket() failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return try body(socket, &address)
    }

    /// Runs a setup tool (`ssh-keygen`, `htpasswd`) to completion; its standard output.
    static func runTool(_ executable: String, _ arguments: [String]) async throws -> String {
        let outcome = try await CommandLineProcess(executable: URL(fileURLWithPath: executable)).run(arguments)
        guard outcome.status == 0 else { throw TestServerError("\(executable) failed: \(outcome)") }
        return outcome.standardOutput
    }
}

/// Runs `body` with `server`, then awaits `stop(server)`, whether `body` returned or threw
/// (a `defer` cannot await).
func withStopping<Server, Result>(
    _ server: Server, _ body: (Server) async throws -> Result, stop: (Server) async -> Void
) async throws -> Result {
    do {
        let result = try await body(server)
        await stop(server)
        return result
    } catch {
        await stop(server)
        throw error
    }
}

/// A test server (registry, sshd) could not be set up.
public struct TestServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
