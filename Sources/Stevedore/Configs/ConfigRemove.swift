extension DockerClient.Configs {
    /// `DELETE /configs/{id}`: removes the config. One that a service still uses is refused; a missing
    /// one throws ``DockerError/Category/notFound``.
    public func remove(_ id: String) async throws {
        try await self.requireConfigs()
        try await self.client.discardingBody(DockerRequest(.DELETE, try ObjectPath.config(id)))
    }
}
