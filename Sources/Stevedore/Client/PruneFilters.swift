/// The `filters` the container and network prune endpoints take (`POST /containers/prune`,
/// `POST /networks/prune`): a creation time bound and labels present or absent. Filters are
/// ANDed; several `label` values must all match.
public struct PruneFilters: Hashable, Sendable {
    /// `until`: only objects created before this time: Unix seconds, an RFC 3339 date, or a
    /// Go duration relative to the daemon's clock (`10m`, `1h30m`).
    public var until: String?
    /// `label`: only objects with this label (`key`) or label value (`key=value`).
    public var label: [LabelFilter] = []
    /// `label!`: only objects without this label or label value.
    public var labelNot: [LabelFilter] = []

    public init(until: String? = nil, label: [LabelFilter] = [], labelNot: [LabelFilter] = []) {
        self.until = until
        self.label = label
        self.labelNot = labelNot
    }

    /// The filters as the daemon takes them.
    public var dockerFilters: DockerFilters {
        DockerFilters().adding([
            "until": self.until.map { [$0] } ?? [], "label": self.label.map(\.description), "label!": self.labelNot.map(\.description),
        ])
    }
}
