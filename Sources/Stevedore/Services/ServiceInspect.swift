#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DockerClient.Services {
    /// `GET /services/{id}`: the service with this id, unique id prefix or name. A missing
    /// service throws ``DockerError/Category/notFound``.
    ///
    /// `insertDefaults`: fill the spec's unset fields with the values the
    /// swarm uses; default false: the spec as given.
    public func inspect(_ id: String, insertDefaults: Bool = false) async throws -> Service {
        try await self.inspectWithRaw(id, insertDefaults: insertDefaults).value
    }

    /// ``inspect(_:insertDefaults:)``, with the daemon's JSON as it sent it (for printing it as
    /// `docker service inspect` does, or reading a field the models do not know).
    public func inspectWithRaw(_ id: String, insertDefaults: Bool = false) async throws -> (value: Service, raw: Data) {
        var query = QueryItems()
        query.add("insertDefaults", insertDefaults ? true : nil)
        return try await self.client.decodeWithRaw(Service.self, from: DockerRequest(.GET, try ObjectPath.service(id), query: query))
    }
}
