/// Options of ``DockerClient/Containers/list(_:)`` (`GET /containers/json`).
public struct ContainerListOptions: Hashable, Sendable {
    /// `all`: include containers that are not running. Default: only running ones.
    public var all: Bool
    /// `limit`: only the most recently created containers, this many (stopped ones included).
    public var limit: Int?
    /// `size`: also report `SizeRw` and `SizeRootFs` (slower).
    public var size: Bool
    /// `filters`, typed. Default: none.
    public var filters: ContainerListFilters

    public init(all: Bool = false, limit: Int? = nil, size: Bool = false, filters: ContainerListFilters = .init()) {
        self.all = all
        self.limit = limit
        self.size = size
        self.filters = filters
    }
}

/// The `filters` of `GET /containers/json`, one property per documented key. Values of one
/// key are ORed by the daemon; keys are ANDed.
public struct ContainerListFilters: TypedFilters, Hashable {
    /// `ancestor`: created from this image or a descendant (`name[:tag]`, id, `name@digest`).
    public var ancestor: [String] = []
    /// `before`: created before this container (id or name).
    public var before: [String] = []
    /// `expose`: exposing this port or range (`80`, `80/tcp`, `8000-8080/udp`).
    public var expose: [String] = []
    /// `exited`: exited with this code (implies stopped containers; combine with `all`).
    public var exited: [Int] = []
    /// `health`: in this health state.
    public var health: [ContainerSummary.Health.Status] = []
    /// `id`: this id, or an id starting with it.
    public var id: [String] = []
    /// `isolation`: this isolation technology (Windows daemons).
    public var isolation: [HostConfig.Isolation] = []
    /// `is-task`: only (`true`) or no (`false`) containers that are swarm service tasks.
    public var isTask: Bool?
    /// `label`: having this label (`key`) or this label value (`key=value`).
    public var label: [LabelFilter] = []
    /// `name`: a name containing this text (the daemon matches a regular expression).
    public var name: [String] = []
    /// `network`: connected to this network (id or name).
    public var network: [String] = []
    /// `publish`: publishing this port or range (`80`, `8080/tcp`).
    public var publish: [String] = []
    /// `since`: created after this container (id or name).
    public var since: [String] = []
    /// `status`: in this state.
    public var status: [ContainerSummary.State] = []
    /// `volume`: mounting this volume (name) or something at this destination path.
    public var volume: [String] = []
    /// Keys this type does not know yet (newer daemons), merged into the request as given.
    public var additional = DockerFilters()

    public init() {}

    /// The filters as the daemon takes them.
    public var dockerFilters: DockerFilters {
        self.additional.adding([
            "ancestor": self.ancestor, "before": self.before, "expose": self.expose,
            "exited": self.exited.map(String.init), "health": self.health.map(\.rawValue), "id": self.id,
            "isolation": self.isolation.map(\.rawValue), "is-task": self.isTask.map { [String($0)] } ?? [],
            "label": self.label.map(\.description), "name": self.name, "network": self.network,
            "publish": self.publish, "since": self.since, "status": self.status.map(\.rawValue),
            "volume": self.volume,
        ])
    }

    /// Puts a `--filter` value under its property: an `exited` value that does not parse is an
    /// error; keys this type does not know, and an `is-task` value other than the first `true`
    /// or `false`, go to ``additional`` as given, for the daemon to judge.
    public mutating func add(key: String, value: String) throws {
        switch key {
        case "ancestor": self.ancestor.append(value)
        case "before": self.before.append(value)
        case "expose": self.expose.append(value)
        case "exited":
            guard let code = Int(value) else {
                throw DockerError.invalidInput("invalid filter 'exited=\(value)': the exit code must be an integer")
            }
            self.exited.append(code)
        case "health": self.health.append(.init(rawValue: value))
        case "id": self.id.append(value)
        case "isolation": self.isolation.append(.init(rawValue: value))
        case "is-task" where filterBoolean(value) != nil && self.isTask == nil: self.isTask = filterBoolean(value)
        case "label": self.label.append(LabelFilter(parsing: value))
        case "name": self.name.append(value)
        case "network": self.network.append(value)
        case "publish": self.publish.append(value)
        case "since": self.since.append(value)
        case "status": self.status.append(.init(rawValue: value))
        case "volume": self.volume.append(value)
        default: self.additional.add(key, value)
        }
    }
}

extension DockerClient.Containers {
    /// `GET /containers/json`: the containers matching `options`, newest first. Decoding is
    /// lenient: fields a daemon leaves out are `nil`, unknown states and health values are kept.
    public func list(_ options: ContainerListOptions = .init()) async throws -> [ContainerSummary] {
        if let limit = options.limit, limit < 0 {
            throw DockerError.invalidInput("invalid limit \(limit): it must not be negative")
        }
        var query = QueryItems()
        query.add("all", options.all ? true : nil)
        query.add("limit", options.limit)
        query.add("size", options.size ? true : nil)
        query.add("filters", options.filters.dockerFilters)
        return try await self.client.decode([ContainerSummary].self, from: DockerRequest(.GET, "/containers/json", query: query))
    }
}
