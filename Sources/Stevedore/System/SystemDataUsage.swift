/// Options of ``DockerClient/System/dataUsage(_:)`` (`GET /system/df`).
public struct SystemDataUsageOptions: Hashable, Sendable {
    /// The kinds of objects to report on (`type`, API ≥ 1.42); empty reports on all.
    public var types: [ObjectType] = []

    public init(types: [ObjectType] = []) {
        self.types = types
    }

    /// An object kind of `/system/df`.
    public struct ObjectType: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let container = ObjectType(rawValue: "container")
        public static let image = ObjectType(rawValue: "image")
        public static let volume = ObjectType(rawValue: "volume")
        public static let buildCache = ObjectType(rawValue: "build-cache")
    }
}

extension DockerClient.System {
    /// `GET /system/df`: the disk space used by images, containers, volumes and the build cache.
    public func dataUsage(_ options: SystemDataUsageOptions = .init()) async throws -> SystemDataUsageResponse {
        var query = QueryItems()
        if !options.types.isEmpty {
            try await self.client.requireAPIVersion(APIVersion(1, 42), for: "the type option of system df")
            for type in options.types { query.add("type", type.rawValue) }
        }
        return try await self.client.decode(SystemDataUsageResponse.self, from: DockerRequest(.GET, "/system/df", query: query))
    }
}
