extension DockerClient {
    /// `POST /containers/{id}/resize`: sets the size of the container's TTY, in characters.
    /// A container without a TTY, or one that is not running, is refused by the daemon.
    public func resizeContainer(_ id: String, height: Int, width: Int) async throws {
        try await self.discardingBody(DockerRequest(.POST, try ContainerReference.path(id, "/resize"), query: try .terminalSize(height: height, width: width)))
    }
}

extension QueryItems {
    /// `h` and `w` of the resize endpoints, checked to be sizes a terminal can have.
    static func terminalSize(height: Int, width: Int) throws -> QueryItems {
        guard (0...Int(UInt16.max)).contains(height), (0...Int(UInt16.max)).contains(width) else {
            throw DockerError.invalidInput("invalid terminal size \(height)x\(width): both must be in 0...65535")
        }
        var query = QueryItems()
        query.add("h", height)
        query.add("w", width)
        return query
    }
}
