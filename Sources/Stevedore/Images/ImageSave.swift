import StevedoreTransport

extension DockerClient.Images {
    /// `GET /images/get?names=…`: the `docker save` tar of `names` (names, `name:tag`, ids)
    /// with their tags, as a byte stream read from the daemon as it is consumed (it is never
    /// held whole; a cut stream throws ``DockerError/Category/connection``). Iterate it to the end;
    /// dropping it early closes the connection. `platforms`
    /// picks variants of multi-platform images (one: API ≥ 1.48; several: API ≥ 1.52).
    /// A missing image throws ``DockerError/Category/notFound`` before any byte.
    public func save(_ names: [String], platforms: [OCIPlatform] = []) async throws -> DockerByteStream {
        guard !names.isEmpty else { throw DockerError.invalidInput("image save needs at least one image name") }
        var query = QueryItems()
        for name in names {
            try ObjectPath.image.validate(name)
            query.add("names", name)
        }
        try await self.addPlatforms(platforms, to: &query, for: "image save")
        return try await self.client.byteStream(DockerRequest(.GET, "/images/get", query: query)).stream
    }

    /// `GET /images/{name}/get`: the `docker save` tar of one image (a name, `name:tag` or id),
    /// streamed as ``save(_:platforms:)-([String],_)`` streams it; an id saves no tags.
    /// `platforms` picks variants of a multi-platform image (one: API ≥ 1.48; several: API ≥ 1.52).
    public func save(_ name: String, platforms: [OCIPlatform] = []) async throws -> DockerByteStream {
        var query = QueryItems()
        try await self.addPlatforms(platforms, to: &query, for: "image save")
        return try await self.client.byteStream(DockerRequest(.GET, try ObjectPath.image(name, "/get"), query: query)).stream
    }
}
