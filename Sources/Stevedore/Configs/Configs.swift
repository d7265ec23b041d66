#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DockerClient {
    /// The swarm's configs: `/configs/…`, the spec's Config tag (API ≥ 1.30). Only managers answer.
    ///
    /// Like secrets, but not secret: inspect returns the data.
    ///
    /// A view of the client: it holds no state of its own.
    public struct Configs: Sendable {
        let client: DockerClient
    }

    /// The swarm's configs: `/configs/…`, the spec's Config tag.
    public var configs: Configs { Configs(client: self) }
}

extension DockerClient.Configs {
    /// Configs came with API 1.30: every call refuses an older daemon before any request.
    func requireConfigs() async throws {
        try await self.client.requireAPIVersion(APIVersion(1, 30), for: "configs")
    }
}

extension ConfigSpec {
    /// A config named `name` holding `data` (base64-encoded here, as the API wants it; at
    /// most 1000 KB).
    public init(name: String, data: some DataProtocol, labels: [String: String]? = nil) {
        self.init(name: name, labels: labels, data: Data(data).base64EncodedString())
    }

    /// The config's data, decoded from the API's base64 (nil when absent or not base64).
    public var decodedData: Data? { self.data.flatMap { Data(base64Encoded: $0) } }
}
