#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DockerClient {
    /// The swarm's secrets: `/secrets/…`, the spec's Secret tag (API ≥ 1.25). Only managers answer.
    ///
    /// A secret's data goes to the daemon once, at ``create(_:)``; no call returns it, and
    /// `SecretSpec`'s description shows it as `<redacted>`. Tasks read it from the file the
    /// service's secret reference names.
    ///
    /// A view of the client: it holds no state of its own.
    public struct Secrets: Sendable {
        let client: DockerClient
    }

    /// The swarm's secrets: `/secrets/…`, the spec's Secret tag.
    public var secrets: Secrets { Secrets(client: self) }
}

extension DockerClient.Secrets {
    /// Secrets came with API 1.25: every call refuses an older daemon before any request.
    func requireSecrets() async throws {
        try await self.client.requireAPIVersion(APIVersion(1, 25), for: "secrets")
    }
}

extension SecretSpec {
    /// A secret named `name` holding `data` (base64-encoded here, as the API wants it; at
    /// most 500 KB).
    public init(name: String, data: some DataProtocol, labels: [String: String]? = nil) {
        self.init(name: name, labels: labels, data: Data(data).base64EncodedString())
    }
}
