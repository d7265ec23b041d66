extension DockerClient.Plugins {
    /// `GET /plugins/privileges`: what the plugin image `remote` (`[host/]name[:tag]`) asks
    /// to be granted before ``install(_:options:)`` or ``upgrade(_:remote:options:)``: host
    /// network, mounts, devices, capabilities. Empty when it asks for nothing.
    ///
    /// The daemon answers with an empty list, not an error, when it cannot fetch the image
    /// (an unknown tag, an unreachable registry): the install then says why.
    public func privileges(_ remote: String, credentials: RegistryAuth? = nil) async throws -> [PluginPrivilege] {
        var query = QueryItems()
        query.add("remote", try ImageName(parsing: remote).description)
        var request = DockerRequest(.GET, "/plugins/privileges", query: query)
        request.addRegistryAuth(credentials)
        // `null` when nothing is required.
        return try await self.client.decode([PluginPrivilege]?.self, from: request) ?? []
    }
}
