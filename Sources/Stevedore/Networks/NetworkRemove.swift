extension DockerClient {
    /// `DELETE /networks/{id}`: removes the network with this id or name. A missing network
    /// throws ``DockerError/Category/notFound``; one with containers attached, or a predefined
    /// one (`host`, `none`), throws ``DockerError/Category/forbidden`` (dockerd answers 403).
    public func removeNetwork(_ id: String) async throws {
        try await self.discardingBody(DockerRequest(.DELETE, try ResourceReference.network(id)))
    }
}
