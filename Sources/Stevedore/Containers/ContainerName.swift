import StevedoreText

/// The local check of a new container's name (create, rename), so that a bad name fails with
/// the daemon's rule before any request. Ids and names of existing containers go through
/// ``ObjectPath/container``.
enum ContainerName {
    /// A name for a new container, as the daemon accepts it: `/?[a-zA-Z0-9][a-zA-Z0-9_.-]+`.
    static func validate(_ name: String) throws {
        let body = name.cut(prefix: "/") ?? Substring(name)
        let isValid =
            body.count >= 2 && body.first.map(Self.isAlphanumeric) == true
            && body.dropFirst().allSatisfy { Self.isAlphanumeric($0) || $0 == "_" || $0 == "." || $0 == "-" }
        guard isValid else {
            throw DockerError.invalidInput(
                "invalid container name \"\(name)\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed, at least two characters")
        }
    }

    private static func isAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }
}
