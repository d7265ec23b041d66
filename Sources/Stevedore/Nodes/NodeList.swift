/// Options of ``DockerClient/Nodes/list(_:)`` (`GET /nodes`).
public struct NodeListOptions: Hashable, Sendable {
    /// `filters`, typed. Default: none (every node).
    public var filters: NodeListFilters

    public init(filters: NodeListFilters = .init()) {
        self.filters = filters
    }
}

/// The `filters` of `GET /nodes`, one property per documented key. Values of one key are
/// ORed by the daemon; keys are ANDed.
public struct NodeListFilters: TypedFilters, Hashable {
    /// `id`: an id starting with this text.
    public var id: [String] = []
    /// `label`: an engine label (the daemon's `--label`) present (`key`) or with this value.
    public var label: [LabelFilter] = []
    /// `node.label`: a node label (set through ``DockerClient/Nodes/update(_:_:version:)``)
    /// present (`key`) or with this value.
    public var nodeLabel: [LabelFilter] = []
    /// `membership`: `accepted` or `pending`.
    public var membership: [String] = []
    /// `name`: a hostname containing this text.
    public var name: [String] = []
    /// `role`: `manager` or `worker`.
    public var role: [NodeSpec.Role] = []
    /// Keys this type does not know (newer daemons), merged into the request as given.
    public var additional = DockerFilters()

    public init() {}

    /// The filters as the daemon takes them.
    public var dockerFilters: DockerFilters {
        self.additional.adding([
            "id": self.id, "label": self.label.map(\.description), "node.label": self.nodeLabel.map(\.description),
            "membership": self.membership, "name": self.name, "role": self.role.map(\.rawValue),
        ])
    }

    /// Puts a `--filter` value under its property; other keys go to ``additional``, for the
    /// daemon to judge.
    public mutating func add(key: String, value: String) throws {
        switch key {
        case "id": self.id.append(value)
        case "label": self.label.append(LabelFilter(parsing: value))
        case "node.label": self.nodeLabel.append(LabelFilter(parsing: value))
        case "membership": self.membership.append(value)
        case "name": self.name.append(value)
        case "role": self.role.append(NodeSpec.Role(rawValue: value))
        default: self.additional.add(key, value)
        }
    }
}

extension DockerClient.Nodes {
    /// `GET /nodes`: the swarm's nodes matching `options`.
    public func list(_ options: NodeListOptions = .init()) async throws -> [Node] {
        var query = QueryItems()
        query.add("filters", options.filters.dockerFilters)
        return try await self.client.decode([Node].self, from: DockerRequest(.GET, "/nodes", query: query))
    }
}
