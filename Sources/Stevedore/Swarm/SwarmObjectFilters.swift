/// The `filters` of `GET /secrets` and `GET /configs`, one property per documented key.
/// Values of one key are ORed by the daemon; keys are ANDed.
public struct SwarmObjectFilters: TypedFilters, Hashable {
    /// `id`: an id starting with this text.
    public var id: [String] = []
    /// `label`: having this label (`key`) or this label value (`key=value`).
    public var label: [LabelFilter] = []
    /// `name`: a name starting with this text.
    public var name: [String] = []
    /// `names`: exactly this name.
    public var names: [String] = []
    /// Keys this type does not know (newer daemons), merged into the request as given.
    public var additional = DockerFilters()

    public init() {}

    /// The filters as the daemon takes them.
    public var dockerFilters: DockerFilters {
        self.additional.adding(["id": self.id, "label": self.label.map(\.description), "name": self.name, "names": self.names])
    }

    /// Puts a `--filter` value under its property; other keys go to ``additional``, for the
    /// daemon to judge.
    public mutating func add(key: String, value: String) throws {
        switch key {
        case "id": self.id.append(value)
        case "label": self.label.append(LabelFilter(parsing: value))
        case "name": self.name.append(value)
        case "names": self.names.append(value)
        default: self.additional.add(key, value)
        }
    }
}

/// The `filters` of `GET /secrets`.
public typealias SecretListFilters = SwarmObjectFilters
/// The `filters` of `GET /configs`.
public typealias ConfigListFilters = SwarmObjectFilters
