/// Options of ``DockerClient/Images/search(_:options:)`` (`GET /images/search`).
public struct ImageSearchOptions: Hashable, Sendable {
    /// `limit`: at most this many results (the registry's default is 25).
    public var limit: Int?
    /// `is-official` filter.
    public var isOfficial: Bool?
    /// `stars` filter: at least this many stars.
    public var minimumStars: Int?
    /// Any other filter, passed as is.
    public var filters: DockerFilters
    /// Credentials for the registry searched.
    public var credentials: RegistryAuth?

    public init(
        limit: Int? = nil, isOfficial: Bool? = nil, minimumStars: Int? = nil, filters: DockerFilters = .init(),
        credentials: RegistryAuth? = nil
    ) {
        self.limit = limit
        self.isOfficial = isOfficial
        self.minimumStars = minimumStars
        self.filters = filters
        self.credentials = credentials
    }
}

extension DockerClient.Images {
    /// `GET /images/search`: searches Docker Hub (or the registry `term` names, `host/term`)
    /// through the daemon. When the daemon cannot reach the registry it answers with an error,
    /// thrown as a ``DockerError`` carrying its message.
    public func search(_ term: String, options: ImageSearchOptions = .init()) async throws -> [ImageSearchResponseItem] {
        guard !term.isEmpty else { throw DockerError.invalidInput("a search term must not be empty") }
        var query = QueryItems()
        query.add("term", term)
        query.add("limit", options.limit)
        var filters = options.filters
        options.isOfficial.map { filters.add("is-official", String($0)) }
        options.minimumStars.map { filters.add("stars", String($0)) }
        query.add("filters", filters)
        var request = DockerRequest(.GET, "/images/search", query: query)
        request.addRegistryAuth(options.credentials)
        return try await self.client.decode([ImageSearchResponseItem].self, from: request)
    }
}
