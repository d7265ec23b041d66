import StevedoreText

/// docker's short form of object IDs.
public enum ObjectID {
    /// `stringid.TruncateID`: drops an algorithm prefix such as `sha256:` and keeps 12 characters.
    public static func truncated(_ id: String) -> String {
        String((id.cut(atFirst: ":")?.after ?? id[...]).prefix(12))
    }
}
