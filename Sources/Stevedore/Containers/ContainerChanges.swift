extension DockerClient.Containers {
    /// `GET /containers/{id}/changes`: the paths added, changed or deleted in the container's
    /// filesystem relative to its image, each with a typed `ChangeType`. An unchanged
    /// container gives an empty list (the daemon sends `null`).
    public func changes(_ id: String) async throws -> [FilesystemChange] {
        let changes = try await self.client.decode(
            [FilesystemChange]?.self, from: DockerRequest(.GET, try ObjectPath.container(id, "/changes")))
        return changes ?? []
    }
}

extension ChangeType {
    /// The letter `docker diff` prints: `C` (modified), `A` (added), `D` (deleted), `?` for a
    /// kind this client does not know.
    public var symbol: Character {
        switch self {
        case .modified: "C"
        case .added: "A"
        case .deleted: "D"
        default: "?"
        }
    }
}
