extension DockerClient.Images {
    /// `POST /images/{name}/tag`: gives image `name` (a name, `name:tag`, or an id) the
    /// reference `repository:tag` (`tag` defaults to `latest` on the daemon's side).
    public func tag(_ name: String, repository: String, tag: String? = nil) async throws {
        try ObjectPath.image.validate(repository)
        var query = QueryItems()
        query.add("repo", repository)
        query.add("tag", tag)
        try await self.client.discardingBody(DockerRequest(.POST, try ObjectPath.image(name, "/tag"), query: query))
    }
}
