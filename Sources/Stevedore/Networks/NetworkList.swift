/// Options of ``DockerClient/Networks/list(_:)`` (`GET /networks`).
public struct NetworkListOptions: Hashable, Sendable {
    /// `filters`, typed. Default: none (every network).
    public var filters: NetworkListFilters

    public init(filters: NetworkListFilters = .init()) {
        self.filters = filters
    }
}

/// The `filters` of `GET /networks`, one property per documented key. Values of one key are
/// ORed by the daemon; keys are ANDed.
public struct NetworkListFilters: TypedFilters, Hashable {
    /// `dangling`: only networks no container uses (`true`) or only used ones (`false`).
    /// Predefined networks (`host`, `none`, `bridge`) are never dangling. dockerd 20.10 judges
    /// use on the list's entries, which carry no containers: there every user-defined network
    /// is dangling, used or not, and `false` matches only the predefined ones.
    public var dangling: Bool?
    /// `driver`: managed by this driver (`bridge`, `overlay`…).
    public var driver: [String] = []
    /// `id`: this id, or an id containing this text.
    public var id: [String] = []
    /// `label`: having this label (`key`) or this label value (`key=value`).
    public var label: [LabelFilter] = []
    /// `name`: a name containing this text.
    public var name: [String] = []
    /// `scope`: of this scope.
    public var scope: [Scope] = []
    /// `type`: user-defined (`custom`) or predefined (`builtin`) networks.
    public var type: [Kind] = []
    /// Keys this type does not know yet (newer daemons) and values a typed key cannot hold,
    /// merged into the request as given (the daemon then judges them).
    public var additional = DockerFilters()

    /// The `scope` filter's values.
    public enum Scope: String, Hashable, Sendable, CaseIterable {
        case swarm, global, local
    }

    /// The `type` filter's values.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Networks a user created.
        case custom
        /// The daemon's predefined networks.
        case builtin
    }

    public init() {}

    /// The filters as the daemon takes them.
    public var dockerFilters: DockerFilters {
        self.additional.adding([
            "dangling": self.dangling.map { [String($0)] } ?? [], "driver": self.driver, "id": self.id,
            "label": self.label.map(\.description), "name": self.name, "scope": self.scope.map(\.rawValue),
            "type": self.type.map(\.rawValue),
        ])
    }

    /// Puts a `--filter` value under its property; unknown keys and values a typed key cannot
    /// hold (`dangling=maybe` or `1`, `type=other`, a second `dangling`) go to ``additional``
    /// as given, for the daemon to judge.
    public mutating func add(key: String, value: String) throws {
        switch key {
        case "dangling" where filterBoolean(value) != nil && self.dangling == nil: self.dangling = filterBoolean(value)
        case "driver": self.driver.append(value)
        case "id": self.id.append(value)
        case "label": self.label.append(LabelFilter(parsing: value))
        case "name": self.name.append(value)
        case "scope" where Scope(rawValue: value) != nil: self.scope.append(Scope(rawValue: value)!)
        case "type" where Kind(rawValue: value) != nil: self.type.append(Kind(rawValue: value)!)
        default: self.additional.add(key, value)
        }
    }
}

extension DockerClient.Networks {
    /// `GET /networks`: the networks matching `options`, in the daemon's order. The list's
    /// entries leave out the attached containers (API ≥ 1.28): inspect a network for those.
    public func list(_ options: NetworkListOptions = .init()) async throws -> [NetworkSummary] {
        var query = QueryItems()
        query.add("filters", options.filters.dockerFilters)
        return try await self.client.decode([NetworkSummary].self, from: DockerRequest(.GET, "/networks", query: query))
    }
}
