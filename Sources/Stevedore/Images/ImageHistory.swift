extension DockerClient.Images {
    /// `GET /images/{name}/history`: the image's layers and the instructions that made them,
    /// newest first. `platform` picks the variant of a multi-platform image (API ≥ 1.48).
    public func history(_ name: String, platform: OCIPlatform? = nil) async throws -> [ImageHistoryResponseItem] {
        var query = QueryItems()
        if platform != nil {
            try await self.client.requireAPIVersion(APIVersion(1, 48), for: "the platform option of image history")
            query.add("platform", platform)
        }
        return try await self.client.decode(
            [ImageHistoryResponseItem].self, from: DockerRequest(.GET, try ObjectPath.image(name, "/history"), query: query))
    }
}
