/// docker's short form of object IDs.
public enum ObjectID {
    /// `stringid.TruncateID`: drops an algorithm prefix such as `sha256:` and keeps 12 characters.
    public static func truncated(_ id: String) -> String {
        var id = Substring(id)
        if let colon = id.unicodeScalars.firstIndex(of: ":") { id = id[id.unicodeScalars.index(after: colon)...] }
        return String(id.prefix(12))
    }
}
