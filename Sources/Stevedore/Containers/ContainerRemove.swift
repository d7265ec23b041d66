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
    /// How long ``removeAbandoned(_:)`` waits for the daemon.
    static let abandonedRemovalGrace = Duration.seconds(10)

    /// Force-removes `id` and its anonymous volumes, ignoring any error, for an operation that
    /// created the container and then failed. The removal runs in a task of its own: when the
    /// failure was the caller's task being cancelled, a request made from that task would be
    /// cancelled before it is sent, and the container would be left behind. A daemon that has
    /// not answered within ``abandonedRemovalGrace`` is given up on, so that a stuck daemon
    /// does not hold the failed call.
    func removeAbandoned(_ id: String) async {
        let removal = Task { try? await self.remove(id, options: .init(removeVolumes: true, force: true)) }
        let timer = Task {
            try? await Task.sleep(for: Self.abandonedRemovalGrace)
            removal.cancel()
        }
        await removal.value
        timer.cancel()
    }
}
