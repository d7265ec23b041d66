extension DockerClient.Exec {
    /// `POST /exec/{id}/resize`: sets the size of the exec process's TTY to `height` rows and
    /// `width` columns (both 1…65535, checked before sending).
    public func resize(_ id: String, height: Int, width: Int) async throws {
        let path = try ObjectPath.exec(id, "/resize")
        let query = try QueryItems.terminalSize(height: height, width: width)
        try await self.client.discardingBody(DockerRequest(.POST, path, query: query))
    }
}
