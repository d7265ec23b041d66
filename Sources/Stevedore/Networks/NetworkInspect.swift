#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Options of ``DockerClient/Networks/inspect(_:options:)`` (`GET /networks/{id}`).
public struct NetworkInspectOptions: Hashable, Sendable {
    /// `verbose`: add the daemon's diagnostic details (for swarm networks, services and their
    /// tasks, in `NetworkInspect/services`).
    public var verbose: Bool
    /// `scope`: only find the network in this scope (`swarm`, `global` or `local`).
    public var scope: NetworkListFilters.Scope?

    public init(verbose: Bool = false, scope: NetworkListFilters.Scope? = nil) {
        self.verbose = verbose
        self.scope = scope
    }
}

extension DockerClient.Networks {
    /// `GET /networks/{id}`: the network with this id, id prefix or name, with its attached
    /// containers. A missing network throws ``DockerError/Category/notFound``; a name two
    /// networks share throws ``DockerError/Category/invalidArgument`` ("ambiguous").
    public func inspect(_ id: String, options: NetworkInspectOptions = .init()) async throws -> NetworkInspect {
        try await self.inspectWithRaw(id, options: options).value
    }

    /// ``DockerClient/Networks/inspect(_:options:)``, with the daemon's JSON as it sent it (every field, `null`s included, in
    /// its order): for printing what the daemon said, as `docker inspect` does, or reading a
    /// field the models do not know.
    public func inspectWithRaw(_ id: String, options: NetworkInspectOptions = .init()) async throws -> (value: NetworkInspect, raw: Data) {
        var query = QueryItems()
        query.add("verbose", options.verbose ? true : nil)
        query.add("scope", options.scope?.rawValue)
        return try await self.client.decodeWithRaw(NetworkInspect.self, from: DockerRequest(.GET, try ObjectPath.network(id), query: query))
    }
}
