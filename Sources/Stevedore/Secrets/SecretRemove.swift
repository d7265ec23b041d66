extension DockerClient.Secrets {
    /// `DELETE /secrets/{id}`: removes the secret. One that a service still uses is refused; a missing
    /// one throws ``DockerError/Category/notFound``.
    public func remove(_ id: String) async throws {
        try await self.requireSecrets()
        try await self.client.discardingBody(DockerRequest(.DELETE, try ObjectPath.secret(id)))
    }
}
