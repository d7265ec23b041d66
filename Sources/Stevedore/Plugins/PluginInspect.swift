#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DockerClient.Plugins {
    /// `GET /plugins/{name}/json`: the plugin `name` (a name, an id or a unique id prefix).
    /// A missing one throws ``DockerError/Category/notFound``.
    public func inspect(_ name: String) async throws -> Plugin {
        try await self.inspectWithRaw(name).value
    }

    /// ``inspect(_:)``, with the daemon's JSON as it sent it (for printing it as `docker plugin
    /// inspect` does, or reading a field the models do not know).
    public func inspectWithRaw(_ name: String) async throws -> (value: Plugin, raw: Data) {
        try await self.client.decodeWithRaw(Plugin.self, from: DockerRequest(.GET, try ObjectPath.plugin(name, "/json")))
    }
}
