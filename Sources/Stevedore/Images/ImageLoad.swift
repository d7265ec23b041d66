/// Options of ``DockerClient/Images/load(_:options:)`` (`POST /images/load`).
public struct ImageLoadOptions: Hashable, Sendable {
    /// `quiet`: no per-layer progress, only the `Loaded image…` lines.
    public var quiet: Bool
    /// `platform`: load only these variants of multi-platform images (one: API ≥ 1.48;
    /// several: API ≥ 1.52).
    public var platforms: [OCIPlatform]

    public init(quiet: Bool = false, platforms: [OCIPlatform] = []) {
        self.quiet = quiet
        self.platforms = platforms
    }
}

extension DockerClient.Images {
    /// `POST /images/load`: loads the images and tags of a `docker save` archive, streamed.
    /// Returns the progress: `Loaded image: name:tag` (or `Loaded image ID: …` for untagged
    /// images) in `stream` messages; ``ProgressStream/finish()`` collects them in `output`.
    public func load(_ archive: ByteSource, options: ImageLoadOptions = .init()) async throws -> ProgressStream {
        var query = QueryItems()
        query.add("quiet", options.quiet ? true : nil)
        try await self.addPlatforms(options.platforms, to: &query, for: "image load")
        var request = DockerRequest(.POST, "/images/load", query: query, body: archive.body)
        request.headers.add(name: "Content-Type", value: "application/x-tar")
        return try await self.client.progressStream(request)
    }

    /// The `platform` values of save and load: one needs API 1.48, several 1.52.
    func addPlatforms(_ platforms: [OCIPlatform], to query: inout QueryItems, for operation: String) async throws {
        guard !platforms.isEmpty else { return }
        let minimum = platforms.count == 1 ? APIVersion(1, 48) : APIVersion(1, 52)
        try await self.client.requireAPIVersion(
            minimum, for: platforms.count == 1 ? "the platform option of \(operation)" : "several platforms in \(operation)")
        for platform in platforms { query.add("platform", platform) }
    }
}
