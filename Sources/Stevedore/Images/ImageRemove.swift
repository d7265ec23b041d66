/// Options of ``DockerClient/removeImage(_:options:)`` (`DELETE /images/{name}`).
public struct ImageRemoveOptions: Hashable, Sendable {
    /// `force`: remove the image even if containers use it or it has several tags.
    public var force: Bool
    /// `noprune`: keep untagged parent images.
    public var noPrune: Bool

    public init(force: Bool = false, noPrune: Bool = false) {
        self.force = force
        self.noPrune = noPrune
    }
}

extension DockerClient {
    /// `DELETE /images/{name}`: untags `name` and deletes the image when no tag is left.
    /// Returns what was untagged and deleted; a missing image throws ``DockerError/Category/notFound``.
    @discardableResult
    public func removeImage(_ name: String, options: ImageRemoveOptions = .init()) async throws -> [ImageDeleteResponseItem] {
        try ImageReference.validate(name)
        var query = QueryItems()
        query.add("force", options.force ? true : nil)
        query.add("noprune", options.noPrune ? true : nil)
        return try await self.decode([ImageDeleteResponseItem].self, from: DockerRequest(.DELETE, "/images/\(percentEncode(name))", query: query))
    }
}
