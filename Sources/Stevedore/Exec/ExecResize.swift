extension DockerClient {
    /// `POST /exec/{id}/resize`: sets the size of the exec process's TTY, in characters.
    public func resizeExec(_ id: String, height: Int, width: Int) async throws {
        try await self.discardingBody(DockerRequest(.POST, try ExecReference.path(id, "/resize"), query: try .terminalSize(height: height, width: width)))
    }
}
