/// Local checks of network and volume ids and names, so that a bad value fails with a clear
/// message before any request (and can never address another path of the API).
enum ResourceReference {
    /// The path `/{collection}/{reference}{suffix}` with the reference escaped; `kind` names
    /// the object in errors (`network`). A reference must not be empty, contain `/` or white
    /// space (no network or volume name can).
    static func path(_ collection: String, _ reference: String, kind: String, _ suffix: String = "") throws -> String {
        guard !reference.isEmpty else {
            throw DockerError.invalidInput("a \(kind) id or name must not be empty")
        }
        guard !reference.contains("/"), !reference.contains(where: { $0.isWhitespace }) else {
            throw DockerError.invalidInput("invalid \(kind) id or name \"\(reference)\"")
        }
        return "/\(collection)/\(percentEncode(reference))\(suffix)"
    }

    /// `/networks/{reference}{suffix}`.
    static func network(_ reference: String, _ suffix: String = "") throws -> String {
        try Self.path("networks", reference, kind: "network", suffix)
    }

    /// `/volumes/{reference}`.
    static func volume(_ reference: String) throws -> String {
        try Self.path("volumes", reference, kind: "volume")
    }
}
