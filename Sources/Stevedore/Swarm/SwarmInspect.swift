#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DockerClient.Swarm {
    /// `GET /swarm`: the swarm as its managers know it: id, spec, version (for
    /// ``update(_:options:)``) and the join tokens. Only managers answer.
    public func inspect() async throws -> StevedoreModels.Swarm {
        try await self.inspectWithRaw().value
    }

    /// ``inspect()``, with the daemon's JSON as it sent it (for printing it as `docker swarm
    /// inspect` does, or reading a field the models do not know).
    public func inspectWithRaw() async throws -> (value: StevedoreModels.Swarm, raw: Data) {
        try await self.client.decodeWithRaw(StevedoreModels.Swarm.self, from: DockerRequest(.GET, "/swarm"))
    }
}
