/// Options of ``DockerClient/Containers/restart(_:options:)``: its stop's, as a stop's.
public typealias ContainerRestartOptions = ContainerStopOptions

extension DockerClient.Containers {
    /// `POST /containers/{id}/restart`: stops the container as ``DockerClient/Containers/stop(_:options:)``
    /// does (same signal and timeout), then starts it. A stopped container is just started.
    public func restart(_ id: String, options: ContainerRestartOptions = .init()) async throws {
        let path = try ObjectPath.container(id, "/restart")
        let query = try await options.query(for: self.client, operation: "restart")
        try await self.client.discardingBody(Self.stopRequest(path, query))
    }
}
