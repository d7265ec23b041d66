extension DockerClient.Containers {
    /// `POST /containers/{id}/resize`: sets the size of the container's TTY to `height` rows
    /// and `width` columns (both 1…65535, checked before sending). A container without a TTY,
    /// or not running, is refused by the daemon.
    public func resize(_ id: String, height: Int, width: Int) async throws {
        let path = try ObjectPath.container(id, "/resize")
        try Self.validateTerminalSize(height: height, width: width)
        var query = QueryItems()
        query.add("h", height)
        query.add("w", width)
        try await self.client.discardingBody(DockerRequest(.POST, path, query: query))
    }

    /// A terminal size as the daemon stores it (two `uint16`s).
    static func validateTerminalSize(height: Int, width: Int) throws {
        guard (1...Int(UInt16.max)).contains(height), (1...Int(UInt16.max)).contains(width) else {
            throw DockerError.invalidInput("invalid terminal size \(height)x\(width): height and width must be 1…65535")
        }
    }
}
