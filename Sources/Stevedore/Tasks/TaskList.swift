/// The `filters` of `GET /tasks`, one property per documented key. Values of one key are
/// ORed by the daemon; keys are ANDed.
public struct TaskListFilters: TypedFilters, Hashable {
    /// `desired-state`: `running`, `shutdown` or `accepted`.
    public var desiredState: [TaskState] = []
    /// `id`: an id starting with this text.
    public var id: [String] = []
    /// `label`: having this label (`key`) or this label value (`key=value`).
    public var label: [LabelFilter] = []
    /// `name`: a task name (`service.slot` or `service.nodeID`) starting with this text.
    public var name: [String] = []
    /// `node`: on this node (id or hostname).
    public var node: [String] = []
    /// `service`: of this service (id or name).
    public var service: [String] = []
    /// Keys this type does not know (newer daemons), merged into the request as given.
    public var additional = DockerFilters()

    public init() {}

    /// The filters as the daemon takes them.
    public var dockerFilters: DockerFilters {
        self.additional.adding([
            "desired-state": self.desiredState.map(\.rawValue), "id": self.id, "label": self.label.map(\.description),
            "name": self.name, "node": self.node, "service": self.service,
        ])
    }

    /// Puts a `--filter` value under its property; other keys go to ``additional``, for the
    /// daemon to judge.
    public mutating func add(key: String, value: String) throws {
        switch key {
        case "desired-state": self.desiredState.append(TaskState(rawValue: value))
        case "id": self.id.append(value)
        case "label": self.label.append(LabelFilter(parsing: value))
        case "name": self.name.append(value)
        case "node": self.node.append(value)
        case "service": self.service.append(value)
        default: self.additional.add(key, value)
        }
    }
}

extension DockerClient.Tasks {
    /// `GET /tasks`: the tasks matching `filters`, current and recent ones alike (filter
    /// `desiredState` on `running` for the current ones).
    public func list(_ filters: TaskListFilters = .init()) async throws -> [DockerTask] {
        var query = QueryItems()
        query.add("filters", filters.dockerFilters)
        return try await self.client.decode([DockerTask].self, from: DockerRequest(.GET, "/tasks", query: query))
    }
}
