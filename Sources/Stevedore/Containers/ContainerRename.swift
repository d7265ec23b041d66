extension DockerClient.Containers {
    /// `POST /containers/{id}/rename`: gives the container the name `newName`
    /// (`/?[a-zA-Z0-9][a-zA-Z0-9_.-]+`, checked before sending). A name in use throws
    /// ``DockerError/Category/conflict``.
    public func rename(_ id: String, to newName: String) async throws {
        let path = try ObjectPath.container(id, "/rename")
        try ContainerName.validate(newName)
        var query = QueryItems()
        query.add("name", newName)
        try await self.client.discardingBody(DockerRequest(.POST, path, query: query))
    }
}
