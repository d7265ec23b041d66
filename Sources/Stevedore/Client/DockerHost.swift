import StevedoreText
import StevedoreTransport

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Where the Docker daemon listens, parsed from a `DOCKER_HOST`-style string.
///
/// Accepted forms, as the docker CLI accepts them:
/// - `unix:///path/to/docker.sock` (an empty path means `/var/run/docker.sock`)
/// - `tcp://host:port` and `tcp://host` (port 2375, or 2376 with TLS), optionally with a base path
/// - `http://host:port[/base]`, `https://host:port[/base]` (TLS)
/// - `ssh://[user@]host[:port]`
public struct DockerHost: Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable {
        case unixSocket(path: String)
        case tcp(host: String, port: Int, tls: Bool)
        case ssh(user: String?, host: String, port: Int?)
    }

    let kind: Kind
    /// A path prefix for every request, for daemons behind a proxy (`tcp://host:2375/docker`).
    public let basePath: String

    /// The daemon's default socket, `unix:///var/run/docker.sock`.
    public static let defaultSocketPath = "/var/run/docker.sock"
    public static let local = DockerHost(kind: .unixSocket(path: defaultSocketPath), basePath: "")

    /// A unix socket at `path`.
    public static func unixSocket(_ path: String) -> DockerHost {
        DockerHost(kind: .unixSocket(path: path), basePath: "")
    }

    /// Parses `string`; throws ``DockerError/Category/invalidConfiguration`` naming the value
    /// and the accepted forms.
    public init(parsing string: String) throws {
        let value = string.trimmingWhitespace()
        func invalid(_ why: String) -> DockerError {
            .invalidConfiguration(
                "invalid Docker host \"\(string)\": \(why)",
                hint: "use unix:///path/to/docker.sock, tcp://host:port, http://host:port, https://host:port or ssh://[user@]host[:port]"
            )
        }
        guard !value.isEmpty else {
            self = .local
            return
        }
        guard let schemeEnd = value.firstRange(of: "://") else {
            throw invalid("it has no scheme")
        }
        let scheme = value[..<schemeEnd.lowerBound].lowercased()
        let rest = String(value[schemeEnd.upperBound...])
        switch scheme {
        case "unix":
            self.init(kind: .unixSocket(path: rest.isEmpty ? Self.defaultSocketPath : rest), basePath: "")
            guard rest.isEmpty || rest.hasBytePrefix("/") else { throw invalid("a unix socket path must be absolute") }
        case "tcp", "http", "https":
            let tls = scheme == "https"
            let slash = rest.unicodeScalars.firstIndex(of: "/") ?? rest.endIndex
            let authority = String(rest[..<slash])
            var basePath = rest[slash...]
            while let trimmed = basePath.cut(suffix: "/") { basePath = trimmed }
            guard !authority.contains(scalar: "@") else { throw invalid("user information is not allowed here") }
            guard !basePath.contains(scalar: "?"), !basePath.contains(scalar: "#") else {
                throw invalid("a query or fragment is not allowed")
            }
            let (host, port) = try Self.splitHostPort(authority, invalid: invalid)
            let defaultPort = tls ? 2376 : 2375
            self.init(kind: .tcp(host: host.isEmpty ? "127.0.0.1" : host, port: port ?? defaultPort, tls: tls), basePath: String(basePath))
        case "ssh":
            var authority = rest
            while let trimmed = authority.cut(suffix: "/") { authority = String(trimmed) }
            guard !authority.contains(scalar: "/") else { throw invalid("an ssh host has no path") }
            var user: String?
            if let at = authority.unicodeScalars.lastIndex(of: "@") {
                user = String(authority[..<at])
                authority = String(authority[authority.unicodeScalars.index(after: at)...])
            }
            let (host, port) = try Self.splitHostPort(authority, invalid: invalid)
            guard !host.isEmpty else { throw invalid("an ssh host needs a host name") }
            self.init(kind: .ssh(user: user, host: host, port: port), basePath: "")
        case "npipe":
            throw invalid("named pipes exist only on Windows")
        default:
            throw invalid("the scheme \"\(scheme)\" is not supported")
        }
    }

    init(kind: Kind, basePath: String) {
        self.kind = kind
        self.basePath = basePath
    }

    /// Splits `host:port` or `[v6]:port`; the port is `nil` when absent.
    private static func splitHostPort(_ authority: String, invalid: (String) -> DockerError) throws -> (String, Int?) {
        var host = authority
        var portText: Substring?
        if authority.hasBytePrefix("[") {
            guard let close = authority.unicodeScalars.firstIndex(of: "]") else { throw invalid("an IPv6 address lacks its closing ]") }
            host = String(authority[authority.unicodeScalars.index(after: authority.startIndex)..<close])
            let after = authority[authority.unicodeScalars.index(after: close)...]
            if let afterColon = after.cut(prefix: ":") {
                portText = afterColon
            } else if !after.isEmpty {
                throw invalid("unexpected text after the address")
            }
        } else if let colon = authority.unicodeScalars.lastIndex(of: ":") {
            host = String(authority[..<colon])
            portText = authority[authority.unicodeScalars.index(after: colon)...]
            // An IPv6 address must be in brackets (`[::1]:2375`): the port would be ambiguous.
            guard !host.contains(scalar: ":") else { throw invalid("an IPv6 address must be in brackets, as [\(host)]") }
        }
        let isBracketed = authority.hasBytePrefix("[")
        guard
            !host.unicodeScalars.contains(where: {
                $0 == "[" || $0 == "]" || $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F
            }), !isBracketed || host.contains(scalar: ":")
        else { throw invalid("\"\(host)\" is not a host name or address") }
        guard let portText else { return (host, nil) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw invalid("\"\(portText)\" is not a port number")
        }
        return (host, port)
    }

    /// An IPv6 address in brackets, as a URL writes it; a name as it is.
    private static func bracketed(_ host: String) -> String {
        host.contains(scalar: ":") ? "[\(host)]" : host
    }

    /// Whether the daemon is reached over TCP (`tcp://`, `http://`, `https://`), where TLS
    /// applies.
    var isTCP: Bool {
        if case .tcp = self.kind { return true }
        return false
    }

    /// Whether this host is reached over TLS.
    public var usesTLS: Bool {
        if case .tcp(_, _, true) = self.kind { return true }
        return false
    }

    public var description: String {
        switch self.kind {
        case .unixSocket(let path): return "unix://\(path)"
        case .tcp(let host, let port, let tls):
            return "\(tls ? "https" : "tcp")://\(Self.bracketed(host)):\(port)\(self.basePath)"
        case .ssh(let user, let host, let port):
            return "ssh://\(user.map { "\($0)@" } ?? "")\(Self.bracketed(host))\(port.map { ":\($0)" } ?? "")"
        }
    }

    /// The transport target: TLS when `tls` is given or the scheme is `https`; `ssh` as `ssh`
    /// says.
    func connectionTarget(tls: DockerTLSOptions?, ssh: DockerSSHOptions = .init()) throws -> ConnectionTarget {
        switch self.kind {
        case .unixSocket(let path):
            return .unixSocket(path: path)
        case .tcp(let host, let port, let https):
            guard let options = tls ?? (https ? DockerTLSOptions() : nil) else {
                return .tcp(host: host, port: port)
            }
            do {
                return try .tls(host: host, port: port, configuration: options.makeConfiguration())
            } catch let error as DockerError {
                throw error
            } catch {
                throw DockerError.invalidConfiguration("TLS for \(self) cannot be set up: \(error)")
            }
        case .ssh(let user, let host, let port):
            return .command(ssh.executable, arguments: ssh.commandLine(user: user, host: host, port: port))
        }
    }
}
