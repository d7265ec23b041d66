import NIOCore
import NIOSSL
import StevedoreText

/// Where the transport opens its connections.
public struct ConnectionTarget: Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        case unixSocket(path: String)
        case tcp(host: String, port: Int, tls: TLS?)
        case command(executable: String, arguments: [String])
    }

    /// The TLS side of a TCP target: one context for all connections (building it parses the
    /// certificates), and the name to present and verify.
    struct TLS: Sendable {
        var context: NIOSSLContext
        /// The SNI and verification name; `nil` for an IP address, which NIO verifies against
        /// the certificate's IP addresses instead.
        var serverHostname: String?
    }

    let kind: Kind

    /// A unix domain socket at `path`.
    public static func unixSocket(path: String) -> Self { .init(kind: .unixSocket(path: path)) }

    /// A TCP connection to `host` (a name or an IP address) at `port`.
    public static func tcp(host: String, port: Int) -> Self { .init(kind: .tcp(host: host, port: port, tls: nil)) }

    /// A TCP connection to `host` at `port` wrapped in TLS as `configuration` says (trust roots,
    /// client certificate, verification). Throws when the configuration's certificates or key
    /// cannot be loaded.
    public static func tls(host: String, port: Int, configuration: TLSConfiguration) throws -> Self {
        let context = try NIOSSLContext(configuration: configuration)
        let isAddress = (try? SocketAddress(ipAddress: host, port: port)) != nil
        return .init(kind: .tcp(host: host, port: port, tls: TLS(context: context, serverHostname: isAddress ? nil : host)))
    }

    /// Each connection runs `executable` with `arguments` and talks through its standard input
    /// and output: `ssh -- host docker system dial-stdio` for an `ssh://` daemon. The program
    /// ends when its connection closes.
    public static func command(_ executable: String, arguments: [String]) -> Self {
        .init(kind: .command(executable: executable, arguments: arguments))
    }

    /// Whether connections are wrapped in TLS.
    public var usesTLS: Bool {
        if case .tcp(_, _, .some) = self.kind { return true }
        return false
    }

    /// The value of the `Host` header: docker's clients send `docker` over a unix socket (the
    /// daemon ignores it) and `host:port` over TCP.
    public var hostHeader: String {
        switch self.kind {
        case .unixSocket, .command: return "docker"
        case .tcp(let host, let port, _): return host.contains(scalar: ":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }

    public var description: String {
        switch self.kind {
        case .unixSocket(let path): return "unix://\(path)"
        case .tcp(_, _, let tls): return "\(tls == nil ? "tcp" : "https")://\(self.hostHeader)"
        case .command(let executable, let arguments): return ([executable] + arguments).joined(separator: " ")
        }
    }
}
