import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A docker context: a named daemon endpoint, as `docker context create` stores it.
///
/// Contexts live in the docker CLI's own store (see ``DockerContextStore``), so a context made
/// by either tool works in the other. The context named `default` is not stored: it is the
/// daemon `DOCKER_HOST` and the `DOCKER_TLS*` variables describe
/// (``defaultContext(environment:)``).
public struct DockerContext: Hashable, Sendable {
    /// The name of the context `DOCKER_HOST` describes; no stored context has it.
    public static let defaultName = "default"

    /// The context's name: an ASCII letter or digit, then at least one of letters, digits,
    /// `_`, `.`, `+` and `-` (see ``DockerContextStore/validate(name:)``).
    public var name: String
    /// `Metadata.Description`; `nil` when empty.
    public var description: String?
    /// The `docker` endpoint; `nil` in a context that has none (a client cannot be made from it).
    public var endpoint: Endpoint?
    /// The TLS material of the `docker` endpoint. `nil` when the context has none; a value
    /// (even with every file `nil`) turns TLS on for a `tcp://` host, as docker does.
    public var tls: TLSFiles?
    /// `Metadata` fields other than `Description` (other tools' settings, such as
    /// `StackOrchestrator`), kept as they are when the context is updated.
    public var additionalMetadata: [String: JSONValue] = [:]
    /// Endpoints other than `docker` (old CLIs stored `kubernetes`), kept as they are.
    public var otherEndpoints: [String: JSONValue] = [:]

    public init(name: String, description: String? = nil, endpoint: Endpoint? = nil, tls: TLSFiles? = nil) {
        self.name = name
        self.description = description
        self.endpoint = endpoint
        self.tls = tls
    }

    /// A context's `docker` endpoint, as meta.json stores it.
    public struct Endpoint: Hashable, Sendable {
        /// The daemon, as `DOCKER_HOST` takes it (`unix://…`, `tcp://…`, `ssh://…`). `nil`
        /// means the local socket, `unix:///var/run/docker.sock`.
        public var host: String?
        /// Whether TLS accepts any certificate (`skip-tls-verify=true`). Default: `false`.
        public var skipTLSVerify: Bool

        public init(host: String?, skipTLSVerify: Bool = false) {
            self.host = host
            self.skipTLSVerify = skipTLSVerify
        }
    }

    /// PEM files of an endpoint's TLS: in a stored context, the store's own copies
    /// (`contexts/tls/<id>/docker/{ca,cert,key}.pem`); in a context being created, the files to
    /// copy in.
    public struct TLSFiles: Hashable, Sendable {
        /// The certificate authorities to trust instead of the system's (`ca.pem`).
        public var caCertificate: URL?
        /// The client certificate (`cert.pem`), used together with ``clientKey``.
        public var clientCertificate: URL?
        /// The client certificate's key (`key.pem`).
        public var clientKey: URL?

        public init(caCertificate: URL? = nil, clientCertificate: URL? = nil, clientKey: URL? = nil) {
            self.caCertificate = caCertificate
            self.clientCertificate = clientCertificate
            self.clientKey = clientKey
        }

        /// The files that are set, each with the name the store gives it (`ca.pem`, `cert.pem`,
        /// `key.pem`).
        public var byStoredName: [(name: String, url: URL)] {
            [("ca.pem", self.caCertificate), ("cert.pem", self.clientCertificate), ("key.pem", self.clientKey)]
                .compactMap { name, url in url.map { (name, $0) } }
        }
    }

    /// The `default` context of `environment`, as the docker CLI computes it: the host of
    /// `DOCKER_HOST` (default `unix:///var/run/docker.sock`, or `tcp://localhost:2376` with
    /// TLS), and with `DOCKER_TLS_VERIFY` or `DOCKER_TLS` set, the `ca.pem`, `cert.pem` and
    /// `key.pem` of `DOCKER_CERT_PATH` (else `DOCKER_CONFIG`, else `~/.docker`) that exist,
    /// verifying the daemon only under `DOCKER_TLS_VERIFY`.
    public static func defaultContext(environment: [String: String] = ProcessInfo.processInfo.environment) -> DockerContext {
        let verify = !(environment["DOCKER_TLS_VERIFY"] ?? "").isEmpty
        let tls = verify || !(environment["DOCKER_TLS"] ?? "").isEmpty
        var host = (environment["DOCKER_HOST"] ?? "").trimmingWhitespace()
        if host.isEmpty {
            host = tls ? "tcp://localhost:2376" : "unix://\(DockerHost.defaultSocketPath)"
        }
        var context = DockerContext(name: Self.defaultName, endpoint: Endpoint(host: host, skipTLSVerify: tls && !verify))
        if tls {
            let options = DockerTLSOptions(certificateDirectory: DockerTLSOptions.certificateDirectory(environment: environment))
            context.tls = TLSFiles(
                caCertificate: options.caCertificatePath.map(URL.init(fileURLWithPath:)),
                clientCertificate: options.clientCertificatePath.map(URL.init(fileURLWithPath:)),
                clientKey: options.clientKeyPath.map(URL.init(fileURLWithPath:)))
        }
        return context
    }

    /// A context's `host` parsed as docker parses it: as `DOCKER_HOST`, except that a host
    /// without an address (`tcp://`, `unix://`) is refused, where `DOCKER_HOST` and `-H` take
    /// the default one. Throws ``DockerError/Category/invalidConfiguration``.
    public static func host(parsing host: String) throws -> DockerHost {
        if let schemeEnd = host.firstRange(of: "://"), host[schemeEnd.upperBound...].trimmingWhitespace().isEmpty {
            throw DockerError.invalidConfiguration(
                "invalid Docker host \"\(host)\": a context's host needs an address",
                hint: "give one, as in tcp://host:port or unix:///path/to/docker.sock")
        }
        return try DockerHost(parsing: host)
    }

    /// The configuration of a client for this context's daemon, as docker makes it: the
    /// endpoint's host (the local socket without one); for a `tcp://` host, TLS when the
    /// context has TLS material or skips verification, trusting its `ca.pem` (else the system's
    /// roots) and presenting `cert.pem` with `key.pem` when it has both.
    ///
    /// Throws ``DockerError/Category/invalidConfiguration`` for a context without a `docker`
    /// endpoint or with a malformed host (as docker, one without an address: `tcp://`).
    public func clientConfiguration() throws -> DockerClientConfiguration {
        guard let endpoint = self.endpoint else {
            throw DockerError.invalidConfiguration(
                "context \"\(self.name)\" has no docker endpoint", hint: "give it one with `stevedore context update --docker host=…`")
        }
        var configuration = DockerClientConfiguration()
        if let host = endpoint.host, !host.isEmpty {
            do {
                configuration.host = try Self.host(parsing: host)
            } catch var error as DockerError where self.name != Self.defaultName {
                error.message = "context \"\(self.name)\": \(error.message)"
                throw error
            }
        }
        if configuration.host.isTCP, self.tls != nil || endpoint.skipTLSVerify {
            let files = self.tls ?? TLSFiles()
            let pair = files.clientCertificate != nil && files.clientKey != nil
            configuration.tls = DockerTLSOptions(
                caCertificatePath: files.caCertificate?.path,
                clientCertificatePath: pair ? files.clientCertificate?.path : nil,
                clientKeyPath: pair ? files.clientKey?.path : nil,
                verifyServer: !endpoint.skipTLSVerify)
        }
        return configuration
    }
}
