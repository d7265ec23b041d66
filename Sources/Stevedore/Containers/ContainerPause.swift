extension DockerClient {
    /// `POST /containers/{id}/pause`: freezes every process of the container with the freezer
    /// cgroup (the processes cannot observe it). A container that is not running throws
    /// ``DockerError/Category/conflict``.
    public func pauseContainer(_ id: String) async throws {
        try await self.discardingBody(DockerRequest(.POST, try ContainerReference.path(id, "/pause")))
    }

    /// `POST /containers/{id}/unpause`: thaws a paused container. One that is not paused
    /// throws ``DockerError/Category/conflict``.
    public func unpauseContainer(_ id: String) async throws {
        try await self.discardingBody(DockerRequest(.POST, try ContainerReference.path(id, "/unpause")))
    }
}
