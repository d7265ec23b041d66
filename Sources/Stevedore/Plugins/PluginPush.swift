extension DockerClient.Plugins {
    /// `POST /plugins/{name}/push`: pushes the plugin to the repository its name names
    /// (`127.0.0.1:5000/team/p:1`; a name without a host goes to Docker Hub) and returns the
    /// progress; the last message's `aux` holds `Tag`, `Digest` and `Size`, which
    /// ``ProgressStream/finish()`` returns. Registry errors fail the stream.
    public func push(_ name: String, credentials: RegistryAuth? = nil) async throws -> ProgressStream {
        var request = DockerRequest(.POST, try ObjectPath.plugin(name, "/push"))
        request.addRegistryAuth(credentials)
        return try await self.client.progressStream(request)
    }
}
