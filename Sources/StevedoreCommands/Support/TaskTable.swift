import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// docker's task list, the output of `node ps` and `service ps`.
enum TaskTable {
    /// `tasks` rendered as docker's `task.Print` does: each named `<service>.<slot>` (or
    /// `<service>.<node id>` for a global service's task), sorted by name in natural order and
    /// the newest first among those of one name, the older ones of a name marked ` \_ ` in a
    /// table. Service and node names are looked up once each, unless
    /// ``TaskTableOptions/noResolve``; a lookup that fails shows the id.
    static func render(_ tasks: [DockerTask], client: DockerClient, options: TaskTableOptions) async throws -> String {
        let defaultFormat = options.quiet ? "{{.ID}}" : TaskRow.tableFormat
        let format = options.format.flatMap { OutputFormat.isBareKeyword($0) ? nil : $0 } ?? defaultFormat
        var resolver = NameResolver(client: client, enabled: !options.noResolve)
        var named: [(task: DockerTask, name: String)] = []
        for task in tasks {
            let service = await resolver.serviceName(task.serviceID ?? "")
            let slot = task.slot ?? 0
            named.append((task, slot != 0 ? "\(service).\(slot)" : "\(service).\(task.nodeID ?? "")"))
        }
        var rows: [TaskRow] = []
        var previousName = ""
        for (task, name) in Self.sorted(named) {
            // Older tasks of a slot follow its current one, indented under it in a table.
            let shownName = format.hasBytePrefix("table") && name == previousName ? " \\_ " + name : name
            previousName = name
            let node = await resolver.nodeName(task.nodeID ?? "")
            rows.append(TaskRow(task, name: shownName, node: node, truncate: !options.noTrunc))
        }
        return try CommandOutput.render(rows, format: format, defaultFormat: defaultFormat, titles: TaskRow.titles)
    }

    /// docker's order: by name in natural order, then the most recently created first; ties
    /// keep the daemon's order.
    private static func sorted(_ named: [(task: DockerTask, name: String)]) -> [(task: DockerTask, name: String)] {
        func created(_ task: DockerTask) -> DockerTimestamp { task.createdAt.flatMap { DockerTimestamp($0) } ?? .zero }
        let ordered = named.enumerated().sorted { lhs, rhs in
            let (left, right) = (lhs.element, rhs.element)
            if left.name != right.name {
                if naturalLess(left.name, right.name) { return true }
                if naturalLess(right.name, left.name) { return false }
            } else if created(left.task) != created(right.task) {
                return created(right.task) < created(left.task)
            }
            return lhs.offset < rhs.offset
        }
        return ordered.map(\.element)
    }

    /// docker's `idresolver`: names of services and nodes looked up by id, each once; a
    /// lookup that fails leaves the id.
    private struct NameResolver {
        let client: DockerClient
        let enabled: Bool
        var cache: [String: String] = [:]

        /// The service's name (empty for a service without one, as docker shows it).
        mutating func serviceName(_ id: String) async -> String {
            guard self.enabled else { return id }
            if let name = self.cache[id] { return name }
            let name = (try? await self.client.services.inspect(id)).map { $0.spec?.name ?? "" } ?? id
            self.cache[id] = name
            return name
        }

        /// The node's name: its spec's name, else its hostname, else its id.
        mutating func nodeName(_ id: String) async -> String {
            guard self.enabled else { return id }
            if let name = self.cache[id] { return name }
            var name = id
            if let node = try? await self.client.nodes.inspect(id) {
                name = [node.spec?.name, node.description?.hostname].compactMap { $0 }.first { !$0.isEmpty } ?? id
            }
            self.cache[id] = name
            return name
        }
    }
}
