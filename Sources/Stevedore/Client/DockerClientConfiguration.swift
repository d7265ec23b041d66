import Foundation

/// How a ``DockerClient`` reaches the daemon and which API version it speaks.
public struct DockerClientConfiguration: Sendable {
    /// The daemon. Default: ``DockerHost/local`` (`unix:///var/run/docker.sock`).
    public var host: DockerHost = .local
    /// A pinned API version: requests use it and no negotiation happens. Default: `nil`, which
    /// negotiates `min(1.56, daemon's version)` on first use.
    public var apiVersion: APIVersion?
    /// Sent as `User-Agent`. Default: `Stevedore/<version>`.
    public var userAgent: String = "Stevedore/\(StevedoreLibrary.version)"
    /// The deadline of each request that is not a stream (streams have none): a request still
    /// unanswered then fails with ``DockerError/Category/timeout``. Default: `nil`, no deadline,
    /// as the docker CLI.
    public var requestTimeout: Duration?
    /// TLS towards a TCP daemon. Default: `nil`, plain TCP, except for an `https://` host, which
    /// uses TLS with the system's trust roots and verification.
    public var tls: DockerTLSOptions?
    /// How `ssh://` hosts are reached. Default: see ``DockerSSHOptions``.
    public var ssh = DockerSSHOptions()
    /// Connection pooling and the connect timeout. Default: see ``ConnectionPool``.
    public var connectionPool = ConnectionPool()

    public init(host: DockerHost = .local, apiVersion: APIVersion? = nil) {
        self.host = host
        self.apiVersion = apiVersion
    }

    /// The configuration the docker CLI would use in `environment`: `DOCKER_HOST` (default the
    /// local socket), `DOCKER_API_VERSION` (pins the version), `DOCKER_TLS_VERIFY` (any
    /// non-empty value: TLS with verification) or `DOCKER_TLS` (TLS without), with the files of
    /// `DOCKER_CERT_PATH` (default `~/.docker`).
    ///
    /// Throws ``DockerError/Category/invalidConfiguration`` for a malformed host or version.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Self {
        var configuration = Self()
        if let host = environment["DOCKER_HOST"], !host.isEmpty {
            configuration.host = try DockerHost(parsing: host)
        }
        if let version = environment["DOCKER_API_VERSION"], !version.isEmpty {
            guard let parsed = APIVersion(version) else {
                throw DockerError.invalidConfiguration(
                    "invalid DOCKER_API_VERSION \"\(version)\"",
                    hint: "use a version such as 1.41, or unset it to negotiate"
                )
            }
            configuration.apiVersion = parsed
        }
        let verify = !(environment["DOCKER_TLS_VERIFY"] ?? "").isEmpty
        if verify || !(environment["DOCKER_TLS"] ?? "").isEmpty {
            let home = environment["HOME"] ?? NSHomeDirectory()
            let directory = environment["DOCKER_CERT_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.docker"
            configuration.tls = DockerTLSOptions(certificateDirectory: directory, verifyServer: verify)
        }
        return configuration
    }
}

/// The library's version, sent in `User-Agent` and printed by `stevedore version`.
public enum StevedoreLibrary {
    public static let version = "0.1.0"
}
