import NIOCore
import StevedoreTransport

extension DockerClientConfiguration {
    /// How a client opens, keeps and shares its connections to the daemon.
    ///
    /// Every request takes a connection from the pool for as long as its response lasts. A
    /// long-lived stream (logs with `follow`, events, stats, a wait, a pull's progress) holds
    /// its connection for its whole life, so at most ``maxConnections`` of them run at once and
    /// a further request waits for one to end. Attach and exec sessions (hijacked connections)
    /// leave the pool when they are upgraded and do not count.
    public struct ConnectionPool: Hashable, Sendable {
        /// The most connections open or being opened at once for ordinary requests; further
        /// requests wait, first come first served, for one to come free. Must be at least 1.
        /// Default: 16.
        public var maxConnections: Int
        /// How long a kept-alive connection stays open unused before it is closed. Default: 90
        /// seconds (as Go's client).
        public var idleTimeout: Duration
        /// How long opening a connection (and its TLS handshake) may take before the request
        /// fails with ``DockerError/Category/timeout``. Default: 10 seconds.
        public var connectTimeout: Duration

        public init(maxConnections: Int = 16, idleTimeout: Duration = .seconds(90), connectTimeout: Duration = .seconds(10)) {
            self.maxConnections = maxConnections
            self.idleTimeout = idleTimeout
            self.connectTimeout = connectTimeout
        }
    }
}

extension DockerClientConfiguration.ConnectionPool {
    /// The transport's settings; throws ``DockerError/Category/invalidConfiguration`` for a pool
    /// that could never serve a request.
    func transportConfiguration() throws -> HTTPTransportConfiguration {
        guard self.maxConnections >= 1 else {
            throw DockerError.invalidConfiguration(
                "the connection pool must allow at least one connection, not \(self.maxConnections)")
        }
        guard self.connectTimeout > .zero, self.idleTimeout >= .zero else {
            throw DockerError.invalidConfiguration("the connection pool's timeouts must not be negative (and connecting needs some time)")
        }
        var configuration = HTTPTransportConfiguration()
        configuration.maxConnections = self.maxConnections
        configuration.idleTimeout = TimeAmount(self.idleTimeout)
        configuration.connectTimeout = TimeAmount(self.connectTimeout)
        return configuration
    }
}
