#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DockerClient.Volumes {
    /// `GET /volumes/{name}`: the volume of this name. A missing volume throws
    /// ``DockerError/Category/notFound``.
    public func inspect(_ name: String) async throws -> Volume {
        try await self.inspectWithRaw(name).value
    }

    /// ``DockerClient/Volumes/inspect(_:)``, with the daemon's JSON as it sent it (every field, `null`s included, in
    /// its order): for printing what the daemon said, as `docker inspect` does, or reading a
    /// field the models do not know.
    public func inspectWithRaw(_ name: String) async throws -> (value: Volume, raw: Data) {
        try await self.client.decodeWithRaw(Volume.self, from: DockerRequest(.GET, try ObjectPath.volume(name)))
    }
}
