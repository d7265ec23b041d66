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
/// - `tcp://host:port` and `tcp://host` (port 2375, TLS or not), optionally with a base path
/// - `http://host:port[/base]`, `https://host:port[/base]` (TLS; port 2376 when none is given)
/// - `ssh://[user@]host[:port][/path/to/docker.sock]` (the path: the daemon's socket on that
///   host, when it is not the remote CLI's default)
public struct DockerHost: Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable {
        case unixSocket(path: String)
        case tcp(host: String, port: Int, tls: Bool)
        case ssh(user: String?, host: String, port: Int?, socketPath: String?)
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
                hint: "use unix:///path/to/docker.sock, tcp://host:port, http://host:port, https://host:port "
                    + "or ssh://[user@]host[:port][/path/to/docker.sock]"
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
            // Go's URL parser: an empty query or fragment is none.
            var rest = Substring(rest)
            if let (before, fragment) = rest.cut(atFirst: "#") {
                guard fragment.isEmpty else { throw invalid("fragments are not allowed") }
                rest = before
            }
            if let (before, query) = rest.cut(atFirst: "?") {
                guard query.isEmpty else { throw invalid("query parameters are not allowed") }
                rest = before
            }
            let slash = rest.unicodeScalars.firstIndex(of: "/") ?? rest.endIndex
            var authority = String(rest[..<slash])
            // As docker 28: a path of slashes alone is no path.
            let path = rest[slash...].allSatisfy { $0 == "/" } ? nil : try Self.percentDecoded(rest[slash...], invalid: invalid)
            var user: String?
            if let at = authority.unicodeScalars.lastIndex(of: "@") {
                user = String(authority[..<at])
                authority = String(authority[authority.unicodeScalars.index(after: at)...])
            }
            guard !(user ?? "").contains(scalar: ":") else { throw invalid("plain-text password is not supported") }
            user = try user.map { try Self.percentDecoded($0[...], invalid: invalid) }
            let (host, port) = try Self.splitHostPort(authority, invalid: invalid)
            guard !host.isEmpty else { throw invalid("an ssh host needs a host name") }
            self.init(kind: .ssh(user: user, host: host, port: port, socketPath: path), basePath: "")
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

    /// `text` with its `%XX` escapes decoded, as Go's URL parser decodes a path or a user.
    private static func percentDecoded(_ text: Substring, invalid: (String) -> DockerError) throws -> String {
        var bytes: [UInt8] = []
        var utf8 = text.utf8[...]
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            let digits = utf8.prefix(2)
            guard digits.count == 2, let value = UInt8(String(decoding: digits, as: UTF8.self), radix: 16) else {
                throw invalid("invalid URL escape \"%\(String(decoding: digits, as: UTF8.self))\"")
            }
            bytes.append(value)
            utf8 = utf8.dropFirst(2)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` with the ASCII `characters` written as `%XX`.
    private static func percentEscaped(_ text: String, _ characters: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if characters.unicodeScalars.contains(scalar) {
                result += "%" + String(scalar.value, radix: 16, uppercase: true)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
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
        case .ssh(let user, let host, let port, let socketPath):
            // Escaped where it would not parse back as itself.
            let user = user.map { Self.percentEscaped($0, "%:/?#@") + "@" } ?? ""
            let path = socketPath.map { Self.percentEscaped($0, "%?#") } ?? ""
            return "ssh://\(user)\(Self.bracketed(host))\(port.map { ":\($0)" } ?? "")\(path)"
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
        case .ssh(let user, let host, let port, let socketPath):
            return .command(ssh.executable, arguments: ssh.commandLine(user: user, host: host, port: port, socketPath: socketPath))
        }
    }
}
