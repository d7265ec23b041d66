/// Options of ``DockerClient/Images/pull(_:options:)`` (`POST /images/create?fromImage=…`).
public struct ImagePullOptions: Hashable, Sendable {
    /// `tag`: the tag or digest to pull; it overrides one in the reference. When neither gives
    /// one, `latest` is pulled (as `docker pull` does) unless ``allTags`` is set.
    public var tag: String?
    /// Pull every tag of the repository (sends an empty `tag`).
    public var allTags: Bool
    /// `platform`: `os[/arch[/variant]]` to pull from a multi-platform image.
    public var platform: String?
    /// Credentials for the registry (`X-Registry-Auth`); see ``DockerConfigFile`` to find them
    /// as the docker CLI does.
    public var credentials: RegistryAuth?

    public init(tag: String? = nil, allTags: Bool = false, platform: String? = nil, credentials: RegistryAuth? = nil) {
        self.tag = tag
        self.allTags = allTags
        self.platform = platform
        self.credentials = credentials
    }
}

extension DockerClient.Images {
    /// `POST /images/create?fromImage=…`: pulls `reference` (`name`, `name:tag`,
    /// `name@digest`, `host:port/name:tag`) and returns the daemon's progress: per-layer
    /// messages (`Pulling fs layer`, `Downloading` with `progressDetail`, `Pull complete`), then
    /// `Digest: …` and `Status: …`. A missing repository or tag, or refused credentials, throw
    /// from the request or from the stream (see ``ProgressStream``). ``ProgressStream/finish()``
    /// waits for the end and returns the digest.
    public func pull(_ reference: String, options: ImagePullOptions = .init()) async throws -> ProgressStream {
        let parsed = try ImageName(parsing: reference)
        var query = QueryItems()
        query.add("fromImage", parsed.familiarName)
        query.add("tag", options.allTags ? "" : options.tag ?? parsed.digest ?? parsed.tag ?? "latest")
        query.add("platform", options.platform)
        var request = DockerRequest(.POST, "/images/create", query: query)
        request.addRegistryAuth(options.credentials)
        return try await self.client.progressStream(request)
    }
}
