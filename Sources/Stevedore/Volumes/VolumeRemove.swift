/// Options of ``DockerClient/removeVolume(_:options:)`` (`DELETE /volumes/{name}`).
public struct VolumeRemoveOptions: Hashable, Sendable {
    /// `force`: succeed when the volume does not exist, and remove the daemon's record of it
    /// when its driver fails to. A volume in use is never removed.
    public var force: Bool

    public init(force: Bool = false) {
        self.force = force
    }
}

extension DockerClient {
    /// `DELETE /volumes/{name}`: removes the volume and its data. A volume a container uses
    /// (running or not) throws ``DockerError/Category/conflict``, with or without `force`; a
    /// missing one throws ``DockerError/Category/notFound`` unless `force`.
    public func removeVolume(_ name: String, options: VolumeRemoveOptions = .init()) async throws {
        var query = QueryItems()
        query.add("force", options.force ? true : nil)
        try await self.discardingBody(DockerRequest(.DELETE, try ResourceReference.volume(name), query: query))
    }
}
