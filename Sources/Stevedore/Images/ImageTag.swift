extension DockerClient {
    /// `POST /images/{name}/tag`: gives image `name` (a name, `name:tag`, or an id) the
    /// reference `repository:tag` (`tag` defaults to `latest` on the daemon's side).
    public func tagImage(_ name: String, repository: String, tag: String? = nil) async throws {
        try ImageReference.validate(repository)
        var query = QueryItems()
        query.add("repo", repository)
        query.add("tag", tag)
        try await self.discardingBody(DockerRequest(.POST, try ImageReference.path(name, "/tag"), query: query))
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

    /// `name[:tag]` or `name@digest` split into the name and the tag or digest (`nil` when the
    /// reference has neither). The tag is what follows the last `:` after the last `/`, so a
    /// registry port (`host:5000/app`) is not taken for one.
    static func split(_ reference: String) -> (name: String, tagOrDigest: String?) {
        if let at = reference.firstIndex(of: "@") {
            return (String(reference[..<at]), String(reference[reference.index(after: at)...]))
        }
        let lastSlash = reference.lastIndex(of: "/") ?? reference.startIndex
        if let colon = reference[lastSlash...].lastIndex(of: ":") {
            return (String(reference[..<colon]), String(reference[reference.index(after: colon)...]))
        }
        return (reference, nil)
    }

    /// The path `/images/{reference}` (then `suffix`) with the reference validated and escaped.
    static func path(_ reference: String, _ suffix: String = "") throws -> String {
        try Self.validate(reference)
        return "/images/\(percentEncode(reference))\(suffix)"
    }
}
