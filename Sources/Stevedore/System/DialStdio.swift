import NIOCore
import StevedoreTransport

extension DockerClientConfiguration {
    /// Relays standard input to the daemon and the daemon's answers to standard output until
    /// both directions end: `docker system dial-stdio`, which an `ssh://` client runs on the
    /// daemon's host. Takes over file descriptors 0 and 1.
    public func relayStandardIO() async throws {
        do {
            try await StandardIORelay.run(
                to: try self.host.connectionTarget(tls: self.tls, ssh: self.ssh),
                connectTimeout: TimeAmount(self.connectionPool.connectTimeout.clampedToLongestWait))
        } catch {
            throw DockerError.wrapping(error, host: self.host)
        }
    }
}
