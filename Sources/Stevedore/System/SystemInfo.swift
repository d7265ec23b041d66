#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DockerClient.System {
    /// `GET /info`: system-wide information (containers, images, drivers, resources, swarm).
    public func info() async throws -> SystemInfo {
        try await self.infoWithRaw().value
    }

    /// ``DockerClient/System/info()``, with the daemon's JSON as it sent it (every field, in its
    /// order): for printing what the daemon said, as `docker info --format json` does, or
    /// reading a field the models do not know.
    public func infoWithRaw() async throws -> (value: SystemInfo, raw: Data) {
        try await self.client.decodeWithRaw(SystemInfo.self, from: DockerRequest(.GET, "/info"))
    }
}
