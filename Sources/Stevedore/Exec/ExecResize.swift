extension DockerClient {
    /// `POST /exec/{id}/resize`: sets the size of the exec process's TTY to `height` rows and
    /// `width` columns (both 1…65535, checked before sending).
    public func resizeExec(_ id: String, height: Int, width: Int) async throws {
        let path = try ExecReference.path(id, "/resize")
        try Self.validateTerminalSize(height: height, width: width)
        var query = QueryItems()
        query.add("h", height)
        query.add("w", width)
        try await self.discardingBody(DockerRequest(.POST, path, query: query))
    }
}
