#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DockerClient.Secrets {
    /// `GET /secrets/{id}`: the secret with this id or name, without its data. A missing one throws
    /// ``DockerError/Category/notFound``.
    public func inspect(_ id: String) async throws -> Secret {
        try await self.inspectWithRaw(id).value
    }

    /// ``inspect(_:)``, with the daemon's JSON as it sent it (for printing it as `docker secret
    /// inspect` does, or reading a field the models do not know).
    public func inspectWithRaw(_ id: String) async throws -> (value: Secret, raw: Data) {
        try await self.requireSecrets()
        return try await self.client.decodeWithRaw(Secret.self, from: DockerRequest(.GET, try ObjectPath.secret(id)))
    }
}
