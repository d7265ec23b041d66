extension DockerClient.Plugins {
    /// `POST /plugins/{name}/disable`: stops the plugin. One in use (by a volume or network)
    /// is refused unless `force`; a disabled one throws ``DockerError/Category/conflict``.
    public func disable(_ name: String, force: Bool = false) async throws {
        var query = QueryItems()
        query.add("force", force ? true : nil)
        try await self.client.discardingBody(DockerRequest(.POST, try ObjectPath.plugin(name, "/disable"), query: query))
    }
}
