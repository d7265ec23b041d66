/// The `filters` the container and network prune endpoints take (`POST /containers/prune`,
/// `POST /networks/prune`): a creation time bound and labels present or absent. Filters are
/// ANDed; several `label` values must all match.
public struct PruneFilters: TypedFilters, Hashable {
    /// `until`: only objects created before this time: Unix seconds, an RFC 3339 date, or a
    /// Go duration relative to the daemon's clock (`10m`, `1h30m`).
    public var until: String?
    /// `label`: only objects with this label (`key`) or label value (`key=value`).
    public var label: [LabelFilter] = []
    /// `label!`: only objects without this label or label value.
    public var labelNot: [LabelFilter] = []
    /// Keys this type does not know (newer daemons), merged into the request as given.
    public var additional = DockerFilters()

    public init() {}

    public init(until: String? = nil, label: [LabelFilter] = [], labelNot: [LabelFilter] = []) {
        self.until = until
        self.label = label
        self.labelNot = labelNot
    }

    /// The filters as the daemon takes them.
    public var dockerFilters: DockerFilters {
        self.additional.adding([
            "until": self.until.map { [$0] } ?? [], "label": self.label.map(\.description), "label!": self.labelNot.map(\.description),
        ])
    }

    /// Puts a `--filter` value under its property; other keys, and a second `until` (which
    /// the daemon refuses, as it refuses docker's), go to ``additional``, for the daemon to judge.
    public mutating func add(key: String, value: String) throws {
        switch key {
        case "until" where self.until == nil || self.until == value: self.until = value
        case "label": self.label.append(LabelFilter(parsing: value))
        case "label!": self.labelNot.append(LabelFilter(parsing: value))
        default: self.additional.add(key, value)
        }
    }
}
