import StevedoreTransport

extension DockerClient.Containers {
    /// `HEAD /containers/{id}/archive`: what `path` is in the container (following no link:
    /// a symbolic link is reported as such). A missing path or container throws
    /// ``DockerError/Category/notFound``.
    public func archiveInfo(_ id: String, path: String) async throws -> ContainerPathStat {
        let request = try DockerRequest(.HEAD, ObjectPath.container(id, "/archive"), query: Self.archiveQuery(path))
        let response: HTTPResponse
        do {
            response = try await self.client.send(request)
        } catch var error as DockerError where error.category == .notFound {
            // A HEAD answer has no body, so no message says whether the container or the path
            // is missing: inspecting tells (and throws the daemon's "No such container").
            _ = try await self.inspect(id)
            error.message = "Could not find the file \(path) in container \(id)"
            throw error
        }
        return try ContainerPathStat.decode(header: response.headers.first(name: "X-Docker-Container-Path-Stat"))
    }

    /// The `path` query of the archive endpoints; an empty path is refused locally.
    static func archiveQuery(_ path: String) throws -> QueryItems {
        guard !path.isEmpty else {
            throw DockerError.invalidInput("a path in the container must not be empty")
        }
        var query = QueryItems()
        query.add("path", path)
        return query
    }
}
