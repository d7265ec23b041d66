/// Options of ``DockerClient/Images/remove(_:options:)`` (`DELETE /images/{name}`).
public struct ImageRemoveOptions: Hashable, Sendable {
    /// `force`: remove the image even if containers use it or it has several tags.
    public var force: Bool
    /// `noprune`: keep untagged parent images.
    public var noPrune: Bool
    /// `platforms`: remove only these variants of a multi-platform image (API ≥ 1.50).
    public var platforms: [OCIPlatform]

    public init(force: Bool = false, noPrune: Bool = false, platforms: [OCIPlatform] = []) {
        self.force = force
        self.noPrune = noPrune
        self.platforms = platforms
    }
}

extension DockerClient.Images {
    /// `DELETE /images/{name}`: untags `name` and deletes the image when no tag is left.
    /// Returns what was untagged and deleted; a missing image throws ``DockerError/Category/notFound``.
    @discardableResult
    public func remove(_ name: String, options: ImageRemoveOptions = .init()) async throws -> [ImageDeleteResponseItem] {
        var query = QueryItems()
        query.add("force", options.force ? true : nil)
        query.add("noprune", options.noPrune ? true : nil)
        if !options.platforms.isEmpty {
            try await self.client.requireAPIVersion(APIVersion(1, 50), for: "the platforms option of image remove")
            for platform in options.platforms { query.add("platforms", platform) }
        }
        return try await self.client.decode(
            [ImageDeleteResponseItem].self, from: DockerRequest(.DELETE, try ObjectPath.image(name), query: query))
    }
}
