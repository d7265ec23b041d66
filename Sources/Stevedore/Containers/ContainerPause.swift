extension DockerClient.Containers {
    /// `POST /containers/{id}/pause`: freezes every process of the container with the freezer
    /// cgroup (the processes cannot observe it). A container that is not running throws
    /// ``DockerError/Category/conflict``.
    public func pause(_ id: String) async throws {
        try await self.client.discardingBody(DockerRequest(.POST, try ObjectPath.container(id, "/pause")))
    }

    /// `POST /containers/{id}/unpause`: thaws a paused container. One that is not paused
    /// throws ``DockerError/Category/conflict``.
    public func unpause(_ id: String) async throws {
        try await self.client.discardingBody(DockerRequest(.POST, try ObjectPath.container(id, "/unpause")))
    }
}
