extension DockerClient.Volumes {
    /// `DELETE /volumes/{name}`: removes the volume and its data. A volume a container uses
    /// (running or not) throws ``DockerError/Category/conflict``, with or without `force`; a
    /// missing one throws ``DockerError/Category/notFound`` unless `force`.
    ///
    /// `force` (default `false`): succeed when the volume does not exist, and remove the
    /// daemon's record of it when its driver fails to. A volume in use is never removed.
    public func remove(_ name: String, force: Bool = false) async throws {
        var query = QueryItems()
        query.add("force", force ? true : nil)
        try await self.client.discardingBody(DockerRequest(.DELETE, try ObjectPath.volume(name), query: query))
    }
}
