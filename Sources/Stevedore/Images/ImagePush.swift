/// Options of ``DockerClient/pushImage(_:options:)`` (`POST /images/{name}/push`).
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

extension DockerClient {
    /// `POST /images/{name}/push`: pushes `reference` (`host/name[:tag]`) to its registry and
    /// returns the progress: per-layer `Preparing`/`Pushing`/`Pushed`, then a
    /// `tag: digest: … size: …` line whose `aux` holds `Tag`, `Digest` and `Size`.
    /// ``ProgressStream/finish()`` returns that digest. Missing credentials ("no basic auth
    /// credentials") throw ``DockerError/Category/unauthorized`` from the stream.
    public func pushImage(_ reference: String, options: ImagePushOptions = .init()) async throws -> ProgressStream {
        try ImageReference.validate(reference)
        let (name, tagOrDigest) = ImageReference.split(reference)
        var query = QueryItems()
        query.add("tag", options.allTags ? nil : options.tag ?? tagOrDigest ?? "latest")
        if options.platform != nil {
            try await self.requireAPIVersion(APIVersion(1, 46), for: "the platform option of image push")
            query.add("platform", options.platform)
        }
        var request = DockerRequest(.POST, try ImageReference.path(name, "/push"), query: query)
        request.addRegistryAuth(options.credentials)
        return try await self.progressStream(request)
    }
}
