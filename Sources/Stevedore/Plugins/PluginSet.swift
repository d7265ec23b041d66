extension DockerClient.Plugins {
    /// `POST /plugins/{name}/set`: changes settings of a disabled plugin, each
    /// `name[.field]=value` for an env variable, `args`, a mount's `source` or a device's `path`
    /// its config marks settable. They apply in order: after a refused one, those before it stay
    /// changed until the daemon restarts.
    public func set(_ name: String, _ settings: [String]) async throws {
        let request = DockerRequest(.POST, try ObjectPath.plugin(name, "/set"), body: try self.client.jsonBody(settings))
        try await self.client.discardingBody(request)
    }
}
