extension DockerClient.Services {
    /// `DELETE /services/{id}`: removes the service; the swarm then stops its tasks. A
    /// missing service throws ``DockerError/Category/notFound``.
    public func remove(_ id: String) async throws {
        try await self.client.discardingBody(DockerRequest(.DELETE, try ObjectPath.service(id)))
    }
}
