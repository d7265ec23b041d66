/// Options of ``DockerClient/createContainer(_:options:)`` (`POST /containers/create`).
public struct ContainerCreateOptions: Hashable, Sendable {
    /// `name`: the container's name, `/?[a-zA-Z0-9][a-zA-Z0-9_.-]+`; the daemon picks one when `nil`.
    public var name: String?
    /// `platform`: `os[/arch[/variant]]` of the image to use (API ≥ 1.41).
    public var platform: String?

    public init(name: String? = nil, platform: String? = nil) {
        self.name = name
        self.platform = platform
    }
}

extension DockerClient {
    /// `POST /containers/create`: creates a container from `body` (its config, `hostConfig` and
    /// `networkingConfig`). Returns the new id and the daemon's warnings. A missing image throws
    /// ``DockerError/Category/notFound``; a name in use, ``DockerError/Category/conflict``.
    public func createContainer(_ body: ContainerCreateBody, options: ContainerCreateOptions = .init()) async throws -> ContainerCreateResponse {
        var query = QueryItems()
        if let name = options.name {
            try ContainerReference.validateNewName(name)
            query.add("name", name)
        }
        if let platform = options.platform {
            try await self.requireAPIVersion(APIVersion(1, 41), for: "the platform option of container create")
            query.add("platform", platform)
        }
        let request = DockerRequest(.POST, "/containers/create", query: query, body: try self.jsonBody(body))
        return try await self.decode(ContainerCreateResponse.self, from: request)
    }
}
