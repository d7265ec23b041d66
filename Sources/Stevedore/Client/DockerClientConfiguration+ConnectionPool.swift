import NIOCore
import StevedoreTransport

extension DockerClientConfiguration {
    /// How a client opens, keeps and shares its connections to the daemon.
    ///
    /// Ordinary requests share at most ``maxConnections`` kept-alive connections. Long-lived
    /// exchanges never wait for the pool and never hold one of its connections: each takes an
    /// idle connection out of it, or opens one of its own, and gives it back afterwards only if
    /// the pool has room. They are every response read as a stream (logs, events, stats, the
    /// progress of a pull, push, import, load or build, an export, a save, an archive), attach
    /// and exec sessions and a build's BuildKit session, waits, stops and restarts, the
    /// container, image, volume and build-cache prunes, and the uploads of
    /// ``DockerClient/Containers/putArchive(_:path:tar:options:)`` and
    /// ``DockerClient/Plugins/create(_:tar:)``. They have no deadline
    /// (``DockerClientConfiguration/requestTimeout`` does not apply to them). So any
    /// number of them (64 concurrent `run`s, each holding a wait while it starts its container)
    /// leaves all of ``maxConnections`` to the requests between them; as with Go's client,
    /// they are bounded only by what you start.
    public struct ConnectionPool: Hashable, Sendable {
        /// The most connections open or being opened at once for ordinary requests (long-lived
        /// exchanges are not counted); further requests wait, first come first served, for one
        /// to come free. Must be at least 1. Default: 16.
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
        configuration.idleTimeout = TimeAmount(self.idleTimeout.clampedToLongestWait)
        configuration.connectTimeout = TimeAmount(self.connectTimeout.clampedToLongestWait)
        return configuration
    }
}
