/// Options of the update of a secret or a config (`POST /secrets/{id}/update`,
/// `POST /configs/{id}/update`).
public struct SwarmObjectUpdateOptions: Hashable, Sendable {
    /// `version`: the object's `Version.Index` the update is based on, from its inspect. A
    /// stale one is refused, so concurrent updates cannot overwrite each other.
    public var version: Int64

    public init(version: Int64) {
        self.version = version
    }
}
