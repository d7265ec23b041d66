#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Credentials for one registry, as the daemon reads them from the `X-Registry-Auth` header
/// (pull, push, image create, distribution inspect) and, keyed by registry, from
/// `X-Registry-Config` (build).
///
/// Give `username` and `password`, or an `identityToken` from a previous login, or a
/// `registryToken` (a bearer token the registry issued). Fields left `nil` are not sent.
/// The spec's generated `AuthConfig` lacks the token fields, hence this type.
public struct RegistryAuth: Codable, Hashable, Sendable {
    public var username: String?
    public var password: String?
    /// `base64(username:password)`, as config.json stores it; the daemon accepts it instead of
    /// the two fields.
    public var auth: String?
    public var email: String?
    /// The registry these credentials are for (`https://index.docker.io/v1/`, `registry:5000`).
    public var serverAddress: String?
    /// A refresh token from a login, sent instead of a password.
    public var identityToken: String?
    /// A bearer token for the registry, sent as is.
    public var registryToken: String?

    public init(
        username: String? = nil,
        password: String? = nil,
        auth: String? = nil,
        email: String? = nil,
        serverAddress: String? = nil,
        identityToken: String? = nil,
        registryToken: String? = nil
    ) {
        self.username = username
        self.password = password
        self.auth = auth
        self.email = email
        self.serverAddress = serverAddress
        self.identityToken = identityToken
        self.registryToken = registryToken
    }

    enum CodingKeys: String, CodingKey {
        case username, password, auth, email
        case serverAddress = "serveraddress"
        case identityToken = "identitytoken"
        case registryToken = "registrytoken"
    }

    /// The `X-Registry-Auth` header value: the JSON of these credentials in base64url
    /// (RFC 4648 §5, `-` and `_` for `+` and `/`, padded), as the docker CLI sends it.
    public var headerValue: String {
        Self.base64URL(Self.encodeJSON(self))
    }

    /// The `X-Registry-Config` header value of a build: a JSON object from registry address to
    /// credentials, base64url-encoded.
    public static func configHeaderValue(_ credentials: [String: RegistryAuth]) -> String {
        Self.base64URL(Self.encodeJSON(credentials))
    }

    static func encodeJSON<Value: Encodable>(_ value: Value) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings and optional strings only: encoding cannot fail.
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacing("+", with: "-")
            .replacing("/", with: "_")
    }
}

extension DockerRequest {
    /// Adds `X-Registry-Auth` for `credentials`; without credentials the header carries `{}`,
    /// as the docker CLI sends it, so the daemon does not look for a body.
    mutating func addRegistryAuth(_ credentials: RegistryAuth?) {
        self.headers.replaceOrAdd(name: "X-Registry-Auth", value: (credentials ?? RegistryAuth()).headerValue)
    }
}
