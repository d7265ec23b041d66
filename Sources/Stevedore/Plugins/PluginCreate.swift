extension DockerClient.Plugins {
    /// `POST /plugins/create`: creates the plugin `name` (`:latest` added without a tag),
    /// disabled, from `directory`: its `config.json` (the plugin's config) and `rootfs/`, sent
    /// as a tar streamed from disk. A taken name throws ``DockerError/Category/conflict``.
    ///
    /// The daemon stores a plugin's layers by digest and refuses one it already has: two
    /// plugins made from byte-identical directories cannot both be created.
    public func create(_ name: String, from directory: String) async throws {
        try await self.create(name, tar: .stream(LocalTarArchive(source: directory, archiveName: ".")))
    }

    /// `POST /plugins/create` with the tar `tar` (uncompressed: `config.json` and `rootfs/…`).
    public func create(_ name: String, tar: ByteSource) async throws {
        var query = QueryItems()
        query.add("name", try Self.localName(name))
        var request = DockerRequest(.POST, "/plugins/create", query: query, body: tar.body)
        request.headers.add(name: "Content-Type", value: "application/x-tar")
        request.isStream = true
        try await self.client.discardingBody(request)
    }
}
