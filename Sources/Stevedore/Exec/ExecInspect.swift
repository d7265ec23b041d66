extension DockerClient.Exec {
    /// `GET /exec/{id}/json`: whether the exec process runs, its exit code once it ended, its
    /// pid and process configuration.
    public func inspect(_ id: String) async throws -> ExecInspectResponse {
        try await self.client.decode(ExecInspectResponse.self, from: DockerRequest(.GET, try ObjectPath.exec(id, "/json")))
    }
}
