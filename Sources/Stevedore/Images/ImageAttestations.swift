/// Options of ``DockerClient/Images/attestations(_:options:)`` (`GET /images/{name}/attestations`).
public struct ImageAttestationsOptions: Hashable, Sendable {
    /// `platform`: the variant whose attestations to return (the daemon's platform when `nil`).
    public var platform: OCIPlatform?
    /// `type`: only statements of these in-toto predicate types (all when empty).
    public var predicateTypes: [String]
    /// `statement`: include each statement's body.
    public var includeStatements: Bool

    public init(platform: OCIPlatform? = nil, predicateTypes: [String] = [], includeStatements: Bool = false) {
        self.platform = platform
        self.predicateTypes = predicateTypes
        self.includeStatements = includeStatements
    }
}

extension DockerClient.Images {
    /// `GET /images/{name}/attestations` (API ≥ 1.55): the in-toto attestations stored with an
    /// image. A daemon whose image store keeps no OCI indexes answers
    /// ``DockerError/Category/notImplemented``; an older API throws
    /// ``DockerError/Category/unsupportedByAPIVersion`` before sending anything.
    public func attestations(_ name: String, options: ImageAttestationsOptions = .init()) async throws -> [AttestationStatement] {
        try await self.client.requireAPIVersion(APIVersion(1, 55), for: "image attestations")
        var query = QueryItems()
        query.add("platform", options.platform)
        for type in options.predicateTypes { query.add("type", type) }
        query.add("statement", options.includeStatements ? true : nil)
        return try await self.client.decode(
            [AttestationStatement].self, from: DockerRequest(.GET, try ObjectPath.image(name, "/attestations"), query: query))
    }
}
