extension DockerClient.Networks {
    /// `DELETE /networks/{id}`: removes the network with this id or name. A missing network
    /// throws ``DockerError/Category/notFound``; one with containers attached, or a predefined
    /// one (`host`, `none`), throws ``DockerError/Category/forbidden`` (dockerd answers 403).
    public func remove(_ id: String) async throws {
        try await self.client.discardingBody(DockerRequest(.DELETE, try ObjectPath.network(id)))
    }
}
