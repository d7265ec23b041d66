import Foundation
import StevedoreTestSupport
import Testing

@testable import Stevedore

#if canImport(Glibc)
    import Glibc
#endif

/// A daemon address that never finishes connecting must fail within the pool's connect
/// timeout, not hang: a TCP port whose accept queue is full (the kernel drops the SYN) and a TLS
/// port whose server never answers the handshake. Both are listeners that never accept.
@Suite struct ConnectTimeoutTests {
    @Test func theDefaultsAreDocumented() {
        let pool = DockerClientConfiguration.ConnectionPool()
        #expect(pool.connectTimeout == .seconds(10))
        #expect(pool.maxConnections == 16)
        #expect(pool.idleTimeout == .seconds(90))
    }

    @Test(arguments: [0, -1])
    func aPoolOfNoConnectionIsAConfigurationError(maxConnections: Int) {
        var configuration = DockerClientConfiguration(host: .unixSocket("/nonexistent.sock"))
        configuration.connectionPool.maxConnections = maxConnections
        let error = #expect(throws: DockerError.self) { _ = try DockerClient(configuration: configuration) }
        #expect(error?.category == .invalidConfiguration)
    }

    @Test(arguments: [(Duration.zero, Duration.seconds(90)), (.seconds(-1), .seconds(90)), (.seconds(10), .seconds(-1))])
    func timeoutsThatCannotWorkAreConfigurationErrors(connect: Duration, idle: Duration) {
        var configuration = DockerClientConfiguration(host: .unixSocket("/nonexistent.sock"))
        configuration.connectionPool.connectTimeout = connect
        configuration.connectionPool.idleTimeout = idle
        let error = #expect(throws: DockerError.self) { _ = try DockerClient(configuration: configuration) }
        #expect(error?.category == .invalidConfiguration)
    }

    /// A duration longer than any clock holds is read as the longest wait, not a trap
    /// (`Duration.components` traps past `Int64.max` seconds).
    @Test func durationsLongerThanAnyClockHoldsAreTheLongestWait() async throws {
        let forever = Duration.seconds(Int64.max) * 4
        var configuration = DockerClientConfiguration(host: .unixSocket("/nonexistent/docker.sock"))
        configuration.connectionPool.connectTimeout = forever
        configuration.connectionPool.idleTimeout = forever
        configuration.requestTimeout = forever
        let client = try DockerClient(configuration: configuration)
        defer { client.shutdown() }
        let unreachable = await #expect(throws: DockerError.self) { try await client.plugins.enable("x", timeout: forever) }
        #expect(unreachable?.category == .daemonUnreachable)
        #expect(forever.clampedToLongestWait == .nanoseconds(Int64.max))
    }

    @Test func aTCPConnectThatIsNeverAnsweredTimesOut() async throws {
        try await Self.withSilentListener(fillingBacklog: true) { port in
            try await Self.expectTimeout(host: "tcp://127.0.0.1:\(port)", tls: nil)
        }
    }

    @Test func aTLSHandshakeThatIsNeverAnsweredTimesOut() async throws {
        try await Self.withSilentListener(fillingBacklog: false) { port in
            try await Self.expectTimeout(host: "tcp://127.0.0.1:\(port)", tls: DockerTLSOptions(verifyServer: false))
        }
    }

    /// A ping to `host` with a 1-second connect timeout fails with the timeout category, not
    /// never: the bound is loose because a loaded CI machine can stall a test process for long.
    private static func expectTimeout(host: String, tls: DockerTLSOptions?) async throws {
        var configuration = DockerClientConfiguration(host: try DockerHost(parsing: host), apiVersion: APIVersion(1, 41))
        configuration.tls = tls
        configuration.connectionPool.connectTimeout = .seconds(1)
        let client = try DockerClient(configuration: configuration)
        defer { client.shutdown() }
        let error = await #expect(throws: DockerError.self) { try await withTimeout(120) { _ = try await client.system.ping() } }
        #expect(error?.category == .timeout, "\(String(describing: error))")
    }

    /// Runs `body` with the port of a listener on 127.0.0.1 that never accepts. With
    /// `fillingBacklog`, its accept queue (backlog 0) is filled first, so the kernel drops the
    /// next SYN and a connect never completes; without, connects complete and then hear nothing.
    private static func withSilentListener(fillingBacklog: Bool, _ body: (Int) async throws -> Void) async throws {
        let listener = socket(AF_INET, streamSocketType, 0)
        try #require(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && getsockname(listener, pointer, &length) == 0
            }
        }
        try #require(bound && listen(listener, 0) == 0)
        var fillers: [Int32] = []
        defer { fillers.forEach { close($0) } }
        if fillingBacklog {
            // Non-blocking connects until one stays pending: the queue is then full.
            for _ in 0..<8 {
                let filler = socket(AF_INET, streamSocketType | Int32(SOCK_NONBLOCK.rawValue), 0)
                fillers.append(filler)
                let result = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, length) }
                }
                if result != 0 && errno == EINPROGRESS {
                    try await Task.sleep(for: .milliseconds(200))
                    if !Self.isConnected(filler) { break }
                }
            }
        }
        try await body(Int(UInt16(bigEndian: address.sin_port)))
    }

    private static func isConnected(_ descriptor: Int32) -> Bool {
        var error: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        var peer = sockaddr_in()
        var peerLength = socklen_t(MemoryLayout<sockaddr_in>.size)
        let hasPeer = withUnsafeMutablePointer(to: &peer) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(descriptor, $0, &peerLength) == 0 }
        }
        return getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &size) == 0 && error == 0 && hasPeer
    }
}
