/// Options of ``DockerClient/Services/list(_:)`` (`GET /services`).
public struct ServiceListOptions: Hashable, Sendable {
    /// `filters`, typed. Default: none (every service).
    public var filters: ServiceListFilters
    /// `status`: fill each service's `ServiceStatus` with its running and desired task
    /// counts (default `false`; API ≥ 1.41).
    public var status: Bool

    public init(filters: ServiceListFilters = .init(), status: Bool = false) {
        self.filters = filters
        self.status = status
    }
}

/// The `filters` of `GET /services`, one property per documented key. Values of one key are
/// ORed by the daemon; keys are ANDed.
public struct ServiceListFilters: TypedFilters, Hashable {
    /// `id`: an id starting with this text.
    public var id: [String] = []
    /// `label`: having this label (`key`) or this label value (`key=value`).
    public var label: [LabelFilter] = []
    /// `mode`: `replicated`, `global`, `replicated-job` or `global-job`.
    public var mode: [String] = []
    /// `name`: a name starting with this text.
    public var name: [String] = []
    /// Keys this type does not know (newer daemons), merged into the request as given.
    public var additional = DockerFilters()

    public init() {}

    /// The filters as the daemon takes them.
    public var dockerFilters: DockerFilters {
        self.additional.adding(["id": self.id, "label": self.label.map(\.description), "mode": self.mode, "name": self.name])
    }

    /// Puts a `--filter` value under its property; other keys go to ``additional``, for the
    /// daemon to judge.
    public mutating func add(key: String, value: String) throws {
        switch key {
        case "id": self.id.append(value)
        case "label": self.label.append(LabelFilter(parsing: value))
        case "mode": self.mode.append(value)
        case "name": self.name.append(value)
        default: self.additional.add(key, value)
        }
    }
}

extension DockerClient.Services {
    /// `GET /services`: the services matching `options`.
    public func list(_ options: ServiceListOptions = .init()) async throws -> [Service] {
        var query = QueryItems()
        query.add("filters", options.filters.dockerFilters)
        if options.status {
            try await self.client.requireAPIVersion(APIVersion(1, 41), for: "the status option of service list")
            query.add("status", true)
        }
        return try await self.client.decode([Service].self, from: DockerRequest(.GET, "/services", query: query))
    }
}
