/// Options of ``DockerClient/Images/commit(_:options:)`` (`POST /commit`).
public struct ImageCommitOptions: Hashable, Sendable {
    /// `repo`: the repository of the new image (may carry the tag); untagged when `nil`.
    public var repository: String?
    /// `tag`: its tag, when not in ``repository``.
    public var tag: String?
    /// `comment`: the commit message.
    public var comment: String?
    /// `author`: e.g. `Jane Doe <jane@example.com>`.
    public var author: String?
    /// `pause`: pause the container while committing (the daemon's default is `true`).
    public var pause: Bool?
    /// `changes`: Dockerfile instructions applied to the image (`CMD`, `ENV`, `LABEL`…).
    public var changes: [String]
    /// The request body: a container configuration merged into the image's (`Cmd`,
    /// `Env`, `Labels`…); the container's own when `nil`.
    public var config: ContainerConfig?

    public init(
        repository: String? = nil, tag: String? = nil, comment: String? = nil, author: String? = nil, pause: Bool? = nil,
        changes: [String] = [], config: ContainerConfig? = nil
    ) {
        self.repository = repository
        self.tag = tag
        self.comment = comment
        self.author = author
        self.pause = pause
        self.changes = changes
        self.config = config
    }
}

extension DockerClient.Images {
    /// `POST /commit`: makes an image of `container`'s changes; returns the new image's id.
    /// A missing container throws ``DockerError/Category/notFound``.
    @discardableResult
    public func commit(_ container: String, options: ImageCommitOptions = .init()) async throws -> IDResponse {
        try ObjectPath.container.validate(container)
        var query = QueryItems()
        query.add("container", container)
        if let repository = options.repository { try ObjectPath.image.validate(repository) }
        query.add("repo", options.repository)
        query.add("tag", options.tag)
        query.add("comment", options.comment)
        query.add("author", options.author)
        query.add("pause", options.pause)
        for change in options.changes { query.add("changes", change) }
        let request = DockerRequest(.POST, "/commit", query: query, body: try self.client.jsonBody(options.config ?? ContainerConfig()))
        return try await self.client.decode(IDResponse.self, from: request)
    }
}
