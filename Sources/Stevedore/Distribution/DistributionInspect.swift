extension DockerClient.Distribution {
    /// `GET /distribution/{name}/json`: asks the registry (through the daemon) for the manifest
    /// descriptor and platforms of `reference`, without pulling it. A missing image or refused
    /// credentials come back as ``DockerError/Category/unauthorized`` (the registry does not tell
    /// them apart) or ``DockerError/Category/notFound``.
    public func inspect(_ reference: String, credentials: RegistryAuth? = nil) async throws -> DistributionInspect {
        var request = DockerRequest(.GET, try ObjectPath.distribution(reference, "/json"))
        request.addRegistryAuth(credentials)
        return try await self.client.decode(DistributionInspect.self, from: request)
    }
}
