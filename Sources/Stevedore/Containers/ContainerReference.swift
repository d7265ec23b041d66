/// Local checks of container ids and names, so that a bad value fails with a clear message
/// before any request (and can never address another path of the API).
enum ContainerReference {
    /// An id, a name, or an id prefix: not empty, no `/` but a leading one (names are shown
    /// with it), no white space.
    static func validate(_ reference: String) throws {
        guard !reference.isEmpty else {
            throw DockerError.invalidInput("a container id or name must not be empty")
        }
        let body = reference.hasPrefix("/") ? reference.dropFirst() : Substring(reference)
        guard !body.isEmpty, !body.contains("/"), !body.contains(where: { $0.isWhitespace }) else {
            throw DockerError.invalidInput("invalid container id or name \"\(reference)\"")
        }
    }

    /// A name for a new container, as the daemon accepts it: `/?[a-zA-Z0-9][a-zA-Z0-9_.-]+`.
    static func validateNewName(_ name: String) throws {
        let body = name.hasPrefix("/") ? name.dropFirst() : Substring(name)
        let isValid = body.count >= 2 && body.first.map(Self.isAlphanumeric) == true
            && body.dropFirst().allSatisfy { Self.isAlphanumeric($0) || $0 == "_" || $0 == "." || $0 == "-" }
        guard isValid else {
            throw DockerError.invalidInput(
                "invalid container name \"\(name)\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed, at least two characters")
        }
    }

    private static func isAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }

    /// The path `/containers/{reference}` with the reference escaped.
    static func path(_ reference: String, _ suffix: String = "") throws -> String {
        try Self.validate(reference)
        return "/containers/\(percentEncode(reference))\(suffix)"
    }
}
