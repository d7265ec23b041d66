/// Where the transport opens its connections.
public struct ConnectionTarget: Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable {
        case unixSocket(path: String)
        case tcp(host: String, port: Int)
    }

    let kind: Kind

    /// A unix domain socket at `path`.
    public static func unixSocket(path: String) -> Self { .init(kind: .unixSocket(path: path)) }

    /// A TCP connection to `host` (a name or an IP address) at `port`.
    public static func tcp(host: String, port: Int) -> Self { .init(kind: .tcp(host: host, port: port)) }

    /// The value of the `Host` header: docker's clients send `docker` over a unix socket (the
    /// daemon ignores it) and `host:port` over TCP.
    public var hostHeader: String {
        switch self.kind {
        case .unixSocket: return "docker"
        case .tcp(let host, let port): return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }

    public var description: String {
        switch self.kind {
        case .unixSocket(let path): return "unix://\(path)"
        case .tcp: return "tcp://\(self.hostHeader)"
        }
    }
}
