extension DockerClient.Containers {
    /// `POST /containers/{id}/resize`: sets the size of the container's TTY to `height` rows
    /// and `width` columns (both 1…65535, checked before sending). A container without a TTY,
    /// or not running, is refused by the daemon.
    public func resize(_ id: String, height: Int, width: Int) async throws {
        let path = try ObjectPath.container(id, "/resize")
        let query = try QueryItems.terminalSize(height: height, width: width)
        try await self.client.discardingBody(DockerRequest(.POST, path, query: query))
    }
}
