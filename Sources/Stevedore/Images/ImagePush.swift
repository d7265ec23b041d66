/// Options of ``DockerClient/Images/push(_:options:)`` (`POST /images/{name}/push`).
public struct ImagePushOptions: Hashable, Sendable {
    /// `tag`: the tag to push; overrides one in the reference. When neither gives one,
    /// `latest` is pushed (as `docker push` does) unless ``allTags`` is set.
    public var tag: String?
    /// Push every local tag of the repository.
    public var allTags: Bool
    /// `platform`: the variant of a multi-platform image to push (API ≥ 1.46).
    public var platform: OCIPlatform?
    /// Credentials for the registry (`X-Registry-Auth`).
    public var credentials: RegistryAuth?

    public init(tag: String? = nil, allTags: Bool = false, platform: OCIPlatform? = nil, credentials: RegistryAuth? = nil) {
        self.tag = tag
        self.allTags = allTags
        self.platform = platform
        self.credentials = credentials
    }
}

extension DockerClient.Images {
    /// `POST /images/{name}/push`: pushes `reference` (`host/name[:tag]`) to its registry and
    /// returns the progress: per-layer `Preparing`/`Pushing`/`Pushed`, then a
    /// `tag: digest: … size: …` line whose `aux` holds `Tag`, `Digest` and `Size`.
    /// ``ProgressStream/finish()`` returns that digest. Missing credentials ("no basic auth
    /// credentials") throw ``DockerError/Category/unauthorized`` from the stream.
    public func push(_ reference: String, options: ImagePushOptions = .init()) async throws -> ProgressStream {
        let parsed = try ImageName(parsing: reference)
        guard parsed.digest == nil else {
            throw DockerError.invalidInput("cannot push a digest reference (\(reference)): push a tag")
        }
        let name = parsed.familiarName
        var query = QueryItems()
        query.add("tag", options.allTags ? nil : options.tag ?? parsed.tag ?? "latest")
        if options.platform != nil {
            try await self.client.requireAPIVersion(APIVersion(1, 46), for: "the platform option of image push")
            query.add("platform", options.platform)
        }
        var request = DockerRequest(.POST, try ObjectPath.image(name, "/push"), query: query)
        request.addRegistryAuth(options.credentials)
        return try await self.client.progressStream(request)
    }
}
