extension DockerClient {
    /// `GET /exec/{id}/json`: whether the exec process runs, its exit code once it ended, its
    /// pid and process configuration.
    public func inspectExec(_ id: String) async throws -> ExecInspectResponse {
        try await self.decode(ExecInspectResponse.self, from: DockerRequest(.GET, try ExecReference.path(id, "/json")))
    }
}

/// Local checks of exec ids, so that a bad value fails before any request.
enum ExecReference {
    /// The path `/exec/{id}` with the id checked and escaped.
    static func path(_ id: String, _ suffix: String) throws -> String {
        guard !id.isEmpty, !id.contains("/"), !id.contains(where: { $0.isWhitespace }) else {
            throw DockerError.invalidInput("invalid exec id \"\(id)\"")
        }
        return "/exec/\(percentEncode(id))\(suffix)"
    }
}
