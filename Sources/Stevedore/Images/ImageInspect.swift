#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Options of ``DockerClient/Images/inspect(_:options:)`` (`GET /images/{name}/json`).
public struct ImageInspectOptions: Hashable, Sendable {
    /// `manifests`: include `Manifests` (API ≥ 1.48); exclusive with ``platform``.
    public var manifests: Bool
    /// `platform`: the variant of a multi-platform image to describe (API ≥ 1.49).
    public var platform: OCIPlatform?

    public init(manifests: Bool = false, platform: OCIPlatform? = nil) {
        self.manifests = manifests
        self.platform = platform
    }
}

extension DockerClient.Images {
    /// `GET /images/{name}/json`: an image's configuration, layers and metadata. A missing
    /// image throws ``DockerError/Category/notFound``.
    public func inspect(_ name: String, options: ImageInspectOptions = .init()) async throws -> ImageInspect {
        try await self.inspectWithRaw(name, options: options).value
    }

    /// ``DockerClient/Images/inspect(_:options:)``, with the daemon's JSON as it sent it (every field, `null`s included, in
    /// its order): for printing what the daemon said, as `docker inspect` does, or reading a
    /// field the models do not know.
    public func inspectWithRaw(_ name: String, options: ImageInspectOptions = .init()) async throws -> (value: ImageInspect, raw: Data) {
        var query = QueryItems()
        if options.manifests {
            try await self.client.requireAPIVersion(APIVersion(1, 48), for: "the manifests option of image inspect")
            query.add("manifests", true)
        }
        if options.platform != nil {
            try await self.client.requireAPIVersion(APIVersion(1, 49), for: "the platform option of image inspect")
            guard !options.manifests else { throw DockerError.invalidInput("image inspect takes manifests or platform, not both") }
            query.add("platform", options.platform)
        }
        return try await self.client.decodeWithRaw(
            ImageInspect.self, from: DockerRequest(.GET, try ObjectPath.image(name, "/json"), query: query))
    }
}
