/// Options of ``DockerClient/Containers/remove(_:options:)`` (`DELETE /containers/{id}`).
public struct ContainerRemoveOptions: Hashable, Sendable {
    /// `v`: also remove the container's anonymous volumes.
    public var removeVolumes: Bool
    /// `force`: kill a running container first.
    public var force: Bool
    /// `link`: remove the link of this name instead of a container (legacy links).
    public var removeLink: Bool

    public init(removeVolumes: Bool = false, force: Bool = false, removeLink: Bool = false) {
        self.removeVolumes = removeVolumes
        self.force = force
        self.removeLink = removeLink
    }
}

extension DockerClient.Containers {
    /// `DELETE /containers/{id}`. A running container without `force` throws
    /// ``DockerError/Category/conflict`` with the daemon's message.
    public func remove(_ id: String, options: ContainerRemoveOptions = .init()) async throws {
        var query = QueryItems()
        query.add("v", options.removeVolumes ? true : nil)
        query.add("force", options.force ? true : nil)
        query.add("link", options.removeLink ? true : nil)
        try await self.client.discardingBody(DockerRequest(.DELETE, try ObjectPath.container(id), query: query))
    }
}

extension DockerClient.Containers {
    /// The removal of a container an operation made and must not leave: killed if running,
    /// with its anonymous volumes.
    static let abandonedRemoval = ContainerRemoveOptions(removeVolumes: true, force: true)

    /// Removes `id` (see ``abandonedRemoval``) from a task of its own, ignoring any error, for
    /// an operation that created the container and then failed (see
    /// ``DockerClient/removeAbandoned(grace:_:)``).
    func removeAbandoned(_ id: String) async {
        await self.client.removeAbandoned { try await self.remove(id, options: Self.abandonedRemoval) }
    }
}
