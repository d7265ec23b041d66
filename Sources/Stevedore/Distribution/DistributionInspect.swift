extension DockerClient {
    /// `GET /distribution/{name}/json`: asks the registry (through the daemon) for the manifest
    /// descriptor and platforms of `reference`, without pulling it. A missing image or refused
    /// credentials come back as ``DockerError/Category/unauthorized`` (the registry does not tell
    /// them apart) or ``DockerError/Category/notFound``.
    public func inspectDistribution(_ reference: String, credentials: RegistryAuth? = nil) async throws -> DistributionInspect {
        try ImageReference.validate(reference)
        var request = DockerRequest(.GET, "/distribution/\(percentEncode(reference))/json")
        request.addRegistryAuth(credentials)
        return try await self.decode(DistributionInspect.self, from: request)
    }
}
