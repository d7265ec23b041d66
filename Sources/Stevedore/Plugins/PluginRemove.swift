extension DockerClient.Plugins {
    /// `DELETE /plugins/{name}`: removes the plugin. An enabled or used one throws
    /// ``DockerError/Category/conflict`` unless `force`, which disables it first.
    public func remove(_ name: String, force: Bool = false) async throws {
        var query = QueryItems()
        query.add("force", force ? true : nil)
        try await self.client.discardingBody(DockerRequest(.DELETE, try ObjectPath.plugin(name), query: query))
    }
}
