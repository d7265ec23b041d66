/// A tar archive of a path in a container, as `GET /containers/{id}/archive` answers.
public struct ContainerArchive: Sendable {
    /// What the path is (from the `X-Docker-Container-Path-Stat` header).
    public var stat: ContainerPathStat
    /// The uncompressed tar, streamed; its top entry is named after ``ContainerPathStat/name``
    /// (a directory's entries follow under that name).
    public var tar: DockerByteStream
}

extension DockerClient.Containers {
    /// `GET /containers/{id}/archive`: `path` (a file, a directory with everything under it,
    /// or a link) as a tar stream, with its stat. A path ending in `/.` archives a directory's
    /// contents under the name `.`. A missing path or container throws
    /// ``DockerError/Category/notFound``.
    public func archive(_ id: String, path: String) async throws -> ContainerArchive {
        let request = try DockerRequest(.GET, ObjectPath.container(id, "/archive"), query: Self.archiveQuery(path))
        let (headers, stream) = try await self.client.byteStream(request)
        let stat = try ContainerPathStat.decode(header: headers.first(name: "X-Docker-Container-Path-Stat"))
        return ContainerArchive(stat: stat, tar: stream)
    }
}
