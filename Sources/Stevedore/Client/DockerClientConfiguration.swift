#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How a ``DockerClient`` reaches the daemon and which API version it speaks.
public struct DockerClientConfiguration: Sendable {
    /// The daemon. Default: ``DockerHost/local`` (`unix:///var/run/docker.sock`).
    public var host: DockerHost = .local
    /// A pinned API version: requests use it and no negotiation happens. Default: `nil`, which
    /// negotiates `min(1.56, daemon's version)` on first use.
    public var apiVersion: APIVersion?
    /// Sent as `User-Agent`. Default: `Stevedore/<version>`.
    public var userAgent: String = "Stevedore/\(StevedoreLibrary.version)"
    /// The deadline of each ordinary request: one still unanswered then fails with
    /// ``DockerError/Category/timeout``. The long-lived exchanges that ``ConnectionPool`` lists
    /// (streams, sessions, waits, stops and restarts, every prune but the networks', archive and
    /// plugin uploads) have none. Default: `nil`, no deadline, as the docker CLI.
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

    /// The configuration the docker CLI would use in `environment`, with `context` as its
    /// `--context` flag. The context is chosen as docker chooses it (see
    /// ``DockerContextStore/currentContextName(environment:context:)``): `context`, else
    /// `default` when `DOCKER_HOST` is set, else `DOCKER_CONTEXT`, else config.json's
    /// `currentContext` (in `DOCKER_CONFIG`, default `~/.docker`), else `default`.
    ///
    /// - A stored context gives its host and TLS (``DockerContext/clientConfiguration()``).
    /// - `default` gives `DOCKER_HOST` and `DOCKER_TLS_VERIFY` (any non-empty value: TLS with
    ///   verification) or `DOCKER_TLS` (TLS without) with the files of `DOCKER_CERT_PATH`
    ///   (see ``DockerContext/defaultContext(environment:)``).
    /// - `DOCKER_API_VERSION` pins the version in both cases.
    ///
    /// Throws ``DockerError/Category/notFound`` for a context that is not stored, and
    /// ``DockerError/Category/invalidConfiguration`` for a malformed host, version or context.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, context: String? = nil
    ) throws -> Self {
        let store = DockerContextStore(environment: environment)
        let name = try store.currentContextName(environment: environment, context: context)
        var configuration = try store.context(named: name, environment: environment).clientConfiguration()
        if let version = environment["DOCKER_API_VERSION"], !version.isEmpty {
            guard let parsed = APIVersion(version) else {
                throw DockerError.invalidConfiguration(
                    "invalid DOCKER_API_VERSION \"\(version)\"",
                    hint: "use a version such as 1.41, or unset it to negotiate"
                )
            }
            configuration.apiVersion = parsed
        }
        return configuration
    }
}

/// The library's version, sent in `User-Agent` and printed by `stevedore version`.
public enum StevedoreLibrary {
    public static let version = "0.1.0"
}
