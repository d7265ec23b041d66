/// Options of ``DockerClient/Volumes/list(_:)`` (`GET /volumes`).
public struct VolumeListOptions: Hashable, Sendable {
    /// `filters`, typed. Default: none (every volume).
    public var filters: VolumeListFilters

    public init(filters: VolumeListFilters = .init()) {
        self.filters = filters
    }
}

/// The `filters` of `GET /volumes`, one property per documented key. Values of one key are
/// ORed by the daemon; keys are ANDed.
public struct VolumeListFilters: TypedFilters, Hashable {
    /// `dangling`: only volumes no container uses (`true`) or only used ones (`false`).
    public var dangling: Bool?
    /// `driver`: managed by this volume driver (`local`…).
    public var driver: [String] = []
    /// `label`: having this label (`key`) or this label value (`key=value`).
    public var label: [LabelFilter] = []
    /// `name`: a name containing this text.
    public var name: [String] = []
    /// Keys this type does not know yet (newer daemons) and values a typed key cannot hold,
    /// merged into the request as given (the daemon then judges them).
    public var additional = DockerFilters()

    public init() {}

    /// The filters as the daemon takes them.
    public var dockerFilters: DockerFilters {
        self.additional.adding([
            "dangling": self.dangling.map { [String($0)] } ?? [], "driver": self.driver,
            "label": self.label.map(\.description), "name": self.name,
        ])
    }

    /// Puts a `--filter` value under its property; unknown keys and a `dangling` value other
    /// than the first `true` or `false` go to ``additional`` as given, for the daemon to judge.
    public mutating func add(key: String, value: String) throws {
        switch key {
        case "dangling" where filterBoolean(value) != nil && self.dangling == nil: self.dangling = filterBoolean(value)
        case "driver": self.driver.append(value)
        case "label": self.label.append(LabelFilter(parsing: value))
        case "name": self.name.append(value)
        default: self.additional.add(key, value)
        }
    }
}

extension DockerClient.Volumes {
    /// `GET /volumes`: the volumes matching `options`, and the warnings of drivers that could
    /// not list theirs (the list then holds the others).
    public func list(_ options: VolumeListOptions = .init()) async throws -> VolumeListResponse {
        var query = QueryItems()
        query.add("filters", options.filters.dockerFilters)
        return try await self.client.decode(VolumeListResponse.self, from: DockerRequest(.GET, "/volumes", query: query))
    }
}
