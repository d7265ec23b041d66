import Foundation

/// Options of ``DockerClient/Services/inspect(_:options:)`` (`GET /services/{id}`).
public struct ServiceInspectOptions: Hashable, Sendable {
    /// `insertDefaults`: fill the spec's unset fields with the values the swarm uses
    /// (default `false`: the spec as given).
    public var insertDefaults: Bool

    public init(insertDefaults: Bool = false) {
        self.insertDefaults = insertDefaults
    }
}

extension DockerClient.Services {
    /// `GET /services/{id}`: the service with this id, unique id prefix or name. A missing
    /// service throws ``DockerError/Category/notFound``.
    public func inspect(_ id: String, options: ServiceInspectOptions = .init()) async throws -> Service {
        try await self.inspectWithRaw(id, options: options).value
    }

    /// ``inspect(_:options:)``, with the daemon's JSON as it sent it (for printing it as
    /// `docker service inspect` does, or reading a field the models do not know).
    public func inspectWithRaw(_ id: String, options: ServiceInspectOptions = .init()) async throws -> (value: Service, raw: Data) {
        var query = QueryItems()
        query.add("insertDefaults", options.insertDefaults ? true : nil)
        return try await self.client.decodeWithRaw(Service.self, from: DockerRequest(.GET, try ObjectPath.service(id), query: query))
    }
}
