import NIOSSL
import StevedoreTransport
import SystemPackage

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// TLS towards a daemon on TCP, as the docker CLI's `--tls*` flags and `DOCKER_TLS_VERIFY` /
/// `DOCKER_CERT_PATH` describe it.
public struct DockerTLSOptions: Hashable, Sendable {
    /// PEM file of the certificate authorities to trust; `nil` trusts the system's roots.
    public var caCertificatePath: String?
    /// PEM file of the client certificate, for daemons that verify clients (`--tlsverify` daemons do).
    public var clientCertificatePath: String?
    /// PEM file of the client certificate's private key.
    public var clientKeyPath: String?
    /// Whether to verify the daemon's certificate and name (`--tlsverify`). Default: `true`.
    /// `false` is docker's `--tls` alone: encrypted, but any certificate is accepted.
    public var verifyServer: Bool

    public init(
        caCertificatePath: String? = nil, clientCertificatePath: String? = nil, clientKeyPath: String? = nil, verifyServer: Bool = true
    ) {
        self.caCertificatePath = caCertificatePath
        self.clientCertificatePath = clientCertificatePath
        self.clientKeyPath = clientKeyPath
        self.verifyServer = verifyServer
    }

    /// The files docker looks for in a certificate directory (`DOCKER_CERT_PATH`, else
    /// `DOCKER_CONFIG`, else `~/.docker`: see ``certificateDirectory(environment:)``): `ca.pem`,
    /// `cert.pem` and `key.pem`, each only if it exists.
    public init(certificateDirectory: String, verifyServer: Bool = true) {
        func existing(_ name: String) -> String? {
            let path = FilePath(certificateDirectory).appending(name).string
            return FileManager.default.fileExists(atPath: path) ? path : nil
        }
        self.init(
            caCertificatePath: existing("ca.pem"),
            clientCertificatePath: existing("cert.pem"),
            clientKeyPath: existing("key.pem"),
            verifyServer: verifyServer
        )
    }

    /// The directory docker takes certificates from in `environment`: `DOCKER_CERT_PATH`, else
    /// `DOCKER_CONFIG`, else `~/.docker`.
    public static func certificateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["DOCKER_CERT_PATH"], !path.isEmpty { return path }
        return DockerConfigFile.directory(environment: environment).path
    }

    /// The NIO configuration; throws ``DockerError/Category/invalidConfiguration`` naming a file
    /// that cannot be read or parsed.
    func makeConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = self.verifyServer ? .fullVerification : .none
        if let caCertificatePath {
            configuration.trustRoots = .certificates(
                try Self.load(caCertificatePath, "CA certificate") { try NIOSSLCertificate.fromPEMFile($0) })
        }
        switch (self.clientCertificatePath, self.clientKeyPath) {
        case (let certificate?, let key?):
            configuration.certificateChain = try Self.load(certificate, "client certificate") { try NIOSSLCertificate.fromPEMFile($0) }
                .map { .certificate($0) }
            configuration.privateKey = .privateKey(try Self.load(key, "client key") { try NIOSSLPrivateKey(file: $0, format: .pem) })
        case (nil, nil):
            break
        default:
            throw DockerError.invalidConfiguration(
                "a TLS client certificate needs both its certificate and its key",
                hint: "give both --tlscert and --tlskey, or put cert.pem and key.pem in DOCKER_CERT_PATH"
            )
        }
        return configuration
    }

    private static func load<Value>(_ path: String, _ what: String, _ read: (String) throws -> Value) throws -> Value {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw DockerError.invalidConfiguration(
                "cannot read the TLS \(what) \(path)", hint: "check --tlscacert/--tlscert/--tlskey or DOCKER_CERT_PATH")
        }
        do {
            return try read(path)
        } catch {
            throw DockerError.invalidConfiguration("the TLS \(what) \(path) is not valid PEM: \(error)")
        }
    }
}
