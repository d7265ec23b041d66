extension DockerClient {
    /// `POST /images/{name}/tag`: gives image `name` (a name, `name:tag`, or an id) the
    /// reference `repository:tag` (`tag` defaults to `latest` on the daemon's side).
    public func tagImage(_ name: String, repository: String, tag: String? = nil) async throws {
        try ImageReference.validate(name)
        try ImageReference.validate(repository)
        var query = QueryItems()
        query.add("repo", repository)
        query.add("tag", tag)
        try await self.discardingBody(DockerRequest(.POST, "/images/\(percentEncode(name))/tag", query: query))
    }
}

/// Local checks of image references, so a typo fails with a clear message before any request.
enum ImageReference {
    static func validate(_ reference: String) throws {
        guard !reference.isEmpty else { throw DockerError.invalidInput("an image reference must not be empty") }
        guard !reference.contains(where: { $0.isWhitespace }) else {
            throw DockerError.invalidInput("invalid reference format: \"\(reference)\" contains white space")
        }
    }
}
