import StevedoreTransport

/// Where ``DockerClient/Images/import(from:options:)`` takes the root filesystem from.
public enum ImageImportSource: Sendable {
    /// A tar archive (plain, gzip, bzip2 or xz) streamed in the request body (`fromSrc=-`).
    case archive(ByteSource)
    /// A URL the daemon downloads the archive from (`fromSrc=<url>`).
    case url(String)
}

/// Options of ``DockerClient/Images/import(from:options:)`` (`POST /images/create?fromSrc=…`).
public struct ImageImportOptions: Hashable, Sendable {
    /// `repo`: the repository to tag the image in; may carry the tag (`name:tag`). Untagged
    /// (a dangling image) when `nil`.
    public var repository: String?
    /// `tag`: the tag, when not in ``repository``.
    public var tag: String?
    /// `message`: the commit message recorded in the image's history.
    public var message: String?
    /// `changes`: Dockerfile instructions applied to the image (`CMD ["sh"]`, `ENV A=1`,
    /// `ENTRYPOINT`, `EXPOSE`, `LABEL`, `ONBUILD`, `USER`, `VOLUME`, `WORKDIR`).
    public var changes: [String]
    /// `platform`: `os[/arch[/variant]]` of the image.
    public var platform: String?

    public init(repository: String? = nil, tag: String? = nil, message: String? = nil, changes: [String] = [], platform: String? = nil) {
        self.repository = repository
        self.tag = tag
        self.message = message
        self.changes = changes
        self.platform = platform
    }
}

extension DockerClient.Images {
    /// `POST /images/create?fromSrc=…`: makes a one-layer image from a root filesystem tar.
    /// Returns the progress; its last status is the new image's id (``ProgressStream/finish()``
    /// returns it as `imageID`). The archive is streamed, never held in memory.
    public func `import`(from source: ImageImportSource, options: ImageImportOptions = .init()) async throws -> ProgressStream {
        var query = QueryItems()
        var body: HTTPRequestBody?
        switch source {
        case .archive(let archive):
            query.add("fromSrc", "-")
            body = archive.body
        case .url(let url):
            guard !url.isEmpty, url != "-" else { throw DockerError.invalidInput("an import URL must not be empty") }
            query.add("fromSrc", url)
        }
        if let repository = options.repository { try ObjectPath.image.validate(repository) }
        query.add("repo", options.repository)
        query.add("tag", options.tag)
        query.add("message", options.message)
        for change in options.changes { query.add("changes", change) }
        query.add("platform", options.platform)
        var request = DockerRequest(.POST, "/images/create", query: query, body: body)
        if body != nil { request.headers.add(name: "Content-Type", value: "application/x-tar") }
        return try await self.client.progressStream(request)
    }
}
